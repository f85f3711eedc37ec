import { ChatPanel } from "@/features/chat";
import { GroupPage } from "@/features/groups";

const chat = (room: number, myId: number) => <ChatPanel room={room} myId={myId} />;

/** A study group's page with its room's chat: the two features, composed here. */
export function GroupRoute() {
  return <GroupPage chat={chat} />;
}
