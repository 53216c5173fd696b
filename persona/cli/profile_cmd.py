"""`persona profile show SOURCE`: the normalised profile and its roast angles."""

from __future__ import annotations

import argparse
import json

from persona.cli.roast_cmd import load_source


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("profile", help="inspect a profile the way roast mode reads it")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="print the normalised profile and its angles")
    show.add_argument("source", nargs="?", help="profile path or quoted free text")
    show.add_argument("--github", metavar="USER", help="fetch a GitHub profile from the live API")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.add_argument("--posts", type=int, default=5, help="posts to list in the text view")
    show.set_defaults(func=show_profile)


def show_profile(args: argparse.Namespace) -> int:
    from persona.roast.angles import extract_angles

    profile = load_source(args.source, args.github)
    angles = extract_angles(profile)
    if args.json:
        data = profile.to_dict()
        data["angles"] = [a.to_dict() for a in angles]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    rows = [
        ("source", f"{profile.source} ({profile.origin})"),
        ("name", profile.display_name),
        ("handle", profile.handle),
        ("bio", profile.bio),
        ("location", profile.location),
        ("website", profile.website),
        ("joined", profile.created_at.date().isoformat() if profile.created_at else ""),
        ("followers", "" if profile.followers is None else str(profile.followers)),
        ("following", "" if profile.following is None else str(profile.following)),
        ("posts", "" if profile.post_count is None else str(profile.post_count)),
        ("repos", str(len(profile.repos)) if profile.repos else ""),
        ("hashtags", ", ".join(f"#{t} ({c})" for t, c in profile.top_hashtags[:5])),
        ("words", ", ".join(f"{w} ({c})" for w, c in profile.top_words[:8])),
        ("languages", ", ".join(f"{lang} ({c})" for lang, c in profile.languages[:5])),
    ]
    for key, value in rows:
        if value:
            print(f"{key:>10}: {value}")
    for fact in profile.facts:
        print(f"{'fact':>10}: {fact}")
    for post in profile.posts[: args.posts]:
        print(f"{'post':>10}: {post.text[:100]!r}")
    print("angles:")
    for angle in angles:
        print(f"  - [{angle.kind}] {angle.fact}  ({angle.source})")
    return 0
