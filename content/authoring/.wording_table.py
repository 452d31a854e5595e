"""Regenerate the 'Every interface text' table of wording.md from the engine's ENGLISH strings.

Run it after a string is added, removed or reworded in plugins/microcourse/strings.py:
    python3 content/authoring/.wording_table.py
It refuses to run while a key has no "Where it appears" text below, so the table can't drift.
(The leading dot keeps this file out of the built site.)
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "plugins"))
from microcourse.strings import ENGLISH  # noqa: E402

WHERE = {
    "quiz_title": "Heading of a quiz that has no `title` of its own.",
    "quiz_for_roles": "Under the heading of a quiz for some roles only.",
    "quiz_pass_mark": "Under the heading of every quiz.",
    "quiz_needs_javascript": "In a quiz, for learners whose browser has JavaScript turned off.",
    "question": "Short label of a question whose prompt is several paragraphs long (screen readers announce it).",
    "true": "First option of a true/false question.",
    "false": "Second option of a true/false question.",
    "check_answer": "Button under each question.",
    "answer_correct": "After a question answered right.",
    "answer_incorrect": "After a question answered wrong.",
    "option_correct": "Mark on a chosen option that is right.",
    "option_incorrect": "Mark on a chosen option that is wrong.",
    "option_missed": "Mark on a right option the learner didn't choose, in a choose-all-that-apply question.",
    "choose_an_answer": "When the learner presses Check answer without choosing.",
    "score": "At the end of a quiz.",
    "passed": "Result of a quiz, and the learner's stored result.",
    "not_passed": "Result of a quiz, and the learner's stored result.",
    "retry": "Button at the end of a quiz.",
    "reset": "Button that clears the learner's result for a quiz.",
    "best_score": "Under the heading of a quiz the learner has taken.",
    "out_of_date": "Under the heading of a quiz whose answers changed since the learner took it.",
    "hidden_questions": "In a quiz with two or more questions for other roles.",
    "hidden_questions_one": "In a quiz with exactly one question for another role (no placeholder: the number is in the words).",
    "answers_unavailable": "Under a question, when the learner checks it but the quiz's answers could not be downloaded (for example, the connection dropped).",
    "hidden_quiz": "In place of a quiz for other roles.",
    "show_hidden": "Button that shows hidden questions or quizzes.",
    "hide_hidden": "Button that hides them again.",
    "role_label": "Label of the role picker at the top of every page.",
    "role_everyone": 'The "no role" choice in the role picker, and the name of the path for everyone.',
    "role_choose": "Hint next to the role picker while no role is chosen.",
    "role_changed": "Announced after the learner changes role.",
    "lesson_complete": "Status of a lesson (at its top, in the learning paths, and a tick in the menu).",
    "lesson_not_started": "Status of a lesson.",
    "lesson_in_progress": "Status of a lesson.",
    "progress": "In the learning paths and the path chooser.",
    "minutes": "Length of a lesson, at its top and in the learning paths.",
    "objectives": "Heading of a lesson's objectives.",
    "for_roles": "At the top of a lesson for some roles only.",
    "for_everyone": "At the top of a lesson for everyone.",
    "path_title": 'Heading of each learning path on the "Learning paths" page.',
    "path_total": "Size of a path, above its lessons and in the path chooser.",
    "path_total_one": "The same, for a path of a single lesson.",
    "paths_title": "The menu entry and title of the page with every learning path.",
    "start_path": "Button above each learning path that opens its first lesson.",
    "transcript": "Heading of the transcript under a video.",
    "captions": "Name of the captions track in the video player.",
    "video_play_external": "Button on a YouTube or Vimeo video.",
    "video_external_note": "Note under a YouTube or Vimeo video.",
    "post_label": "Label of a post mock-up in a quiz, for screen readers.",
}

missing, extra = set(ENGLISH) - set(WHERE), set(WHERE) - set(ENGLISH)
if missing or extra:
    sys.exit(f"describe these keys: {sorted(missing)}; drop these: {sorted(extra)}")


def code(text: str) -> str:
    ticks = "``" if "`" in text else "`"
    pad = " " if ticks == "``" else ""
    return f"{ticks}{pad}{text.replace('|', '&#124;')}{pad}{ticks}"


rows = "\n".join(f"| `{key}` | {code(text)} | {WHERE[key]} |" for key, text in ENGLISH.items())
section = (
    "## Every interface text\n\n"
    f"There are {len(ENGLISH)} texts. The placeholders in braces are filled in by the course.\n\n"
    "| Key | Default text | Where it appears |\n| --- | --- | --- |\n" + rows + "\n"
)
path = HERE / "wording.md"
page = path.read_text(encoding="utf-8")
head, _, _ = page.partition("## Every interface text\n")
path.write_text(head + section, encoding="utf-8")
print(f"{len(ENGLISH)} rows written")
