import { Typography } from "antd";
import { Fragment } from "react";

const MENTION = /(@[\w.@+-]+)/g;

/** A message's text as written, its mentions in bold. */
export function MessageBody({ text }: { text: string }) {
  return (
    <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>
      {text.split(MENTION).map((part, index) =>
        part.startsWith("@") ? (
          <Typography.Text key={index} strong style={{ color: "#0b3a7e" }}>
            {part}
          </Typography.Text>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </Typography.Paragraph>
  );
}
