"""Write the socket protocol's frame types (``apps.core.frames``) as TypeScript for the front end.

``make api-types`` runs it beside the OpenAPI types; ``make test`` fails when the committed file
differs from what it writes.
"""

import json
import types
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints, is_typeddict

from django.core.management.base import BaseCommand, CommandParser

from apps.core import frames

HEADER = """/**
 * The frames of the socket protocol (docs/realtime.md), generated from the backend's
 * apps/core/frames.py by `make api-types`. Do not edit: change the Python and regenerate.
 */
"""


def typescript(annotation: Any) -> str:
    """A type of ``apps.core.frames`` in TypeScript."""
    origin = get_origin(annotation)
    if annotation in (Any, object):
        return "unknown"
    if annotation is type(None):
        return "null"
    if annotation in (int, float):
        return "number"
    if annotation is str:
        return "string"
    if annotation is bool:
        return "boolean"
    if origin is Literal:
        return " | ".join(json.dumps(value) for value in get_args(annotation))
    if origin in (Union, types.UnionType):
        return " | ".join(typescript(branch) for branch in get_args(annotation))
    if origin is list:
        (item,) = get_args(annotation)
        inner = typescript(item)
        return f"({inner})[]" if " | " in inner else f"{inner}[]"
    if origin is dict:
        _key, item = get_args(annotation)
        return f"Record<string, {typescript(item)}>"
    if is_typeddict(annotation):
        return str(annotation.__name__)
    raise TypeError(f"No TypeScript for {annotation!r}")


def interface(definition: Any) -> str:
    optional = definition.__optional_keys__
    lines = [
        f"  {name}{'?' if name in optional else ''}: {typescript(annotation)};"
        for name, annotation in get_type_hints(definition).items()
    ]
    return f"export interface {definition.__name__} {{\n" + "\n".join(lines) + "\n}\n"


def frame_types() -> str:
    """The whole TypeScript module."""
    definitions = [
        value
        for value in vars(frames).values()
        if is_typeddict(value) and value.__module__ == frames.__name__
    ]
    unions = [
        f"export type {name} =\n"
        + "".join(f"  | {member.__name__}\n" for member in get_args(union)).rstrip("\n")
        + ";\n"
        for name, union in (
            ("ServerFrame", frames.ServerFrame),
            ("ClientFrame", frames.ClientFrame),
        )
    ]
    return "\n".join([HEADER, *map(interface, definitions), *unions])


class Command(BaseCommand):
    help = "Write the socket protocol's frame types as TypeScript."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        options["path"].write_text(frame_types(), encoding="utf-8")
