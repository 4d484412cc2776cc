"""Writes autoresponders.jsonl from the four hand-written parts (python3 build.py). The JSONL is what the silo
embeds and trains on; the parts are kept so the set stays readable and reviewable."""
import json, pathlib
here = pathlib.Path(__file__).parent
scope = {}
for part in ["build_part1.py", "build_part2.py", "build_part3.py", "build_part4.py"]:
    exec((here / part).read_text(encoding="utf-8"), scope)
sets = [("robotic", scope["robotic"]), ("human", scope["human"] + scope["human_named"]), ("personalized", scope["personalized"]), ("none", scope["none"])]
lines = []
for tone, items in sets:
    for i, item in enumerate(items, 1):
        lines.append(json.dumps({
            "id": f"{tone}-{i:02d}",
            "subject": item["subject"], "body": item["body"], "from": item["frm"], "headers": item["headers"],
            "minutes_after_submit": item["minutes"], "submitted": item["sub"], "tone": tone,
        }, ensure_ascii=False))
(here / "autoresponders.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
print(len(lines), {tone: len(items) for tone, items in sets})
