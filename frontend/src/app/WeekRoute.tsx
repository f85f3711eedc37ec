import { ChatPanel } from "@/features/chat";
import { WeekPage } from "@/features/weeks";

const chat = (room: number, myId: number, topic?: number) => (
  <ChatPanel room={room} myId={myId} topic={topic} />
);

/** An exchange week's page with its conversation: the two features, composed here. */
export function WeekRoute() {
  return <WeekPage chat={chat} />;
}
