"""Say whether PostgreSQL (DATABASE_URL) and Redis (REDIS_URL) answer; exit 1 naming any that
does not."""

import os
import sys

import psycopg
import redis


def main() -> int:
    down = []
    try:
        psycopg.connect(os.environ["DATABASE_URL"], connect_timeout=5).close()
    except psycopg.Error as error:
        down.append(f"PostgreSQL at {os.environ['DATABASE_URL']} is unreachable: {error}")
    try:
        redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=5).ping()
    except redis.RedisError as error:
        down.append(f"Redis at {os.environ['REDIS_URL']} is unreachable: {error}")
    for message in down:
        print(message, file=sys.stderr)
    return 1 if down else 0


if __name__ == "__main__":
    sys.exit(main())
