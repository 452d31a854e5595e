"""Which answer file holds each quiz's key: a module's neighbouring quizzes, a dozen at most."""

from __future__ import annotations

from engine_support import ROLES, lesson, load_good_quiz

from microcourse.model import Course, Lesson, Quiz
from microcourse.render import answer_key
from microcourse.render.answer_key import QUIZZES_PER_ANSWER_FILE


def answer_files(course: Course) -> dict[str, str]:
    fingerprints = {quiz.id: quiz.answer_key_fingerprint() for quiz in course.quizzes}
    return answer_key.answer_files(course, fingerprints)


def _quiz(quiz_id: str, lesson_path: str, *, answer: str = "true") -> Quiz:
    text = (
        f"lesson: {lesson_path}\nquestions:\n  - id: q\n    type: true_false\n"
        f"    answer: {answer}\n    prompt: Is this {quiz_id}?\n"
    )
    return load_good_quiz(text, quiz_id)


def _course(paths: list[str]) -> Course:
    lessons: list[Lesson] = []
    quizzes: list[Quiz] = []
    for number, path in enumerate(paths):
        page = lesson(path, title=f"Lesson {number}")
        quiz = _quiz(f"quiz-{number}", path)
        page.quizzes.append(quiz)
        lessons.append(page)
        quizzes.append(quiz)
    return Course(dict(ROLES), lessons, quizzes)


def _groups(files: dict[str, str]) -> list[list[str]]:
    by_file: dict[str, list[str]] = {}
    for quiz_id, name in files.items():
        by_file.setdefault(name, []).append(quiz_id)
    return list(by_file.values())


def test_quizzes_of_one_folder_share_a_file_and_folders_do_not() -> None:
    course = _course(["twitter/a.md", "twitter/b.md", "linkedin/c.md", "twitter/d.md"])
    assert _groups(answer_files(course)) == [
        ["quiz-0", "quiz-1"],
        ["quiz-2"],
        ["quiz-3"],  # the nav left the folder: a new file, so files follow the learner's order
    ]


def test_a_file_holds_at_most_a_dozen_quizzes() -> None:
    count = 2 * QUIZZES_PER_ANSWER_FILE + 1
    course = _course([f"flat/lesson-{n}.md" for n in range(count)])
    sizes = [len(group) for group in _groups(answer_files(course))]
    assert sizes == [QUIZZES_PER_ANSWER_FILE, QUIZZES_PER_ANSWER_FILE, 1]


def test_a_changed_answer_renames_the_file_and_changed_wording_does_not() -> None:
    before = answer_files(_course(["twitter/a.md", "twitter/b.md"]))
    course = _course(["twitter/a.md", "twitter/b.md"])
    course.quizzes[1].questions[0].prompt = "Reworded?"
    assert answer_files(course) == before
    course.quizzes[1].questions[0].answer = False
    renamed = answer_files(course)
    assert renamed["quiz-0"] == renamed["quiz-1"] != before["quiz-0"]


def test_every_quiz_gets_a_file_even_one_on_no_lesson() -> None:
    course = _course(["twitter/a.md"])
    stray = _quiz("stray", "nowhere.md")
    course.quizzes.append(stray)
    files = answer_files(course)
    assert set(files) == {"quiz-0", "stray"}
    assert files["stray"] != files["quiz-0"]
    assert all(name.endswith(".json") and "/" not in name for name in files.values())
