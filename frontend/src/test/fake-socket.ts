/** The browser's WebSocket, the edge of the system in unit tests: records what the page sends
 * and lets the test answer as the server would. */
export class FakeSocket {
  static OPEN = 1;
  static opened: FakeSocket[] = [];
  readyState = 0;
  sent: Record<string, unknown>[] = [];
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(): void {
    this.drop(1000);
  }

  /** The server says hello: the connection is usable. */
  ready(): void {
    this.readyState = FakeSocket.OPEN;
    this.receive({ type: "ready", user: 1 });
  }

  receive(frame: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  drop(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

export function latest(): FakeSocket {
  const socket = FakeSocket.opened.at(-1);
  if (!socket) {
    throw new Error("no socket was opened");
  }
  return socket;
}
