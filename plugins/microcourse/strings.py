"""Every interface string of the course, in one place.

A site rewords or translates them under the plugin's `strings:` setting in
mkdocs.yml; the defaults follow `theme.language` where a translation exists.
Placeholders in braces are filled in by the template or by course.js.
"""

from __future__ import annotations

from collections.abc import Mapping

ENGLISH: dict[str, str] = {
    # Quiz
    "quiz_title": "Check your understanding",
    "quiz_for_roles": "For {roles}",
    "quiz_pass_mark": "Pass mark: {pass_mark}%",
    "quiz_needs_javascript": "Turn on JavaScript to check your answers. You can still read the questions.",
    "question": "Question",
    "true": "True",
    "false": "False",
    "check_answer": "Check answer",
    "answer_correct": "Correct.",
    "answer_incorrect": "Not quite.",
    "option_correct": "Right answer",
    "option_incorrect": "Wrong answer",
    "option_missed": "Also right",
    "choose_an_answer": "Choose an answer first.",
    "score": "You scored {score}% ({correct} of {total} right). Pass mark: {pass_mark}%.",
    "passed": "Passed",
    "not_passed": "Not passed yet",
    "retry": "Try again",
    "reset": "Reset this quiz",
    "best_score": "Your best: {score}%",
    "out_of_date": "This quiz has changed since you last took it. Take it again to update your result.",
    "hidden_questions": "{count} more questions are for other roles.",
    "hidden_questions_one": "1 more question is for another role.",
    "answers_unavailable": "The answers could not be loaded. Check your connection, then try again.",
    "hidden_quiz": "This quiz is for {roles}.",
    "show_hidden": "Show them",
    "hide_hidden": "Hide them",
    # Roles and progress
    "role_label": "Your role",
    "role_everyone": "Everyone",
    "role_choose": "Choose your role",
    "role_changed": "Role set to {role}.",
    "lesson_complete": "Completed",
    "lesson_not_started": "Not started",
    "lesson_in_progress": "In progress",
    "progress": "{done} of {total} lessons done",
    # Lessons and paths
    "minutes": "{minutes} min",
    "objectives": "You will be able to",
    "for_roles": "For {roles}",
    "for_everyone": "For everyone",
    "path_title": "Learning path: {role}",
    "path_total": "{count} lessons, {minutes} minutes in all",
    "path_total_one": "{count} lesson, {minutes} minutes in all",
    "paths_title": "Learning paths",
    "start_path": "Start this path",
    # Video
    "transcript": "Transcript",
    "captions": "Captions",
    "video_play_external": "Play the video from {provider}",
    "video_external_note": "Playing loads the video from {host}.",
    # Social post mock-up
    "post_label": "A post on {platform}",
}

TRANSLATIONS: dict[str, dict[str, str]] = {
    "de": {
        "quiz_title": "Prüfen Sie Ihr Verständnis",
        "quiz_for_roles": "Für {roles}",
        "quiz_pass_mark": "Bestehensgrenze: {pass_mark} %",
        "quiz_needs_javascript": "Aktivieren Sie JavaScript, um Ihre Antworten zu prüfen. Die Fragen können Sie trotzdem lesen.",
        "question": "Frage",
        "true": "Richtig",
        "false": "Falsch",
        "check_answer": "Antwort prüfen",
        "answer_correct": "Richtig.",
        "answer_incorrect": "Nicht ganz.",
        "option_correct": "Richtige Antwort",
        "option_incorrect": "Falsche Antwort",
        "option_missed": "Auch richtig",
        "choose_an_answer": "Wählen Sie zuerst eine Antwort.",
        "score": "Ihr Ergebnis: {score} % ({correct} von {total} richtig). Bestehensgrenze: {pass_mark} %.",
        "passed": "Bestanden",
        "not_passed": "Noch nicht bestanden",
        "retry": "Noch einmal",
        "reset": "Quiz zurücksetzen",
        "best_score": "Ihr bestes Ergebnis: {score} %",
        "role_label": "Ihre Rolle",
        "role_everyone": "Alle",
        "lesson_complete": "Abgeschlossen",
        "minutes": "{minutes} Min.",
        "objectives": "Das können Sie danach",
        "transcript": "Transkript",
    },
    "fr": {
        "quiz_title": "Vérifiez vos connaissances",
        "question": "Question",
        "true": "Vrai",
        "false": "Faux",
        "check_answer": "Vérifier la réponse",
        "answer_correct": "Correct.",
        "answer_incorrect": "Pas tout à fait.",
        "passed": "Réussi",
        "not_passed": "Pas encore réussi",
        "retry": "Réessayer",
        "reset": "Réinitialiser ce quiz",
        "role_label": "Votre rôle",
        "role_everyone": "Tout le monde",
        "lesson_complete": "Terminé",
        "minutes": "{minutes} min",
        "objectives": "Vous saurez",
        "transcript": "Transcription",
    },
    "es": {
        "quiz_title": "Comprueba lo que has aprendido",
        "question": "Pregunta",
        "true": "Verdadero",
        "false": "Falso",
        "check_answer": "Comprobar respuesta",
        "answer_correct": "Correcto.",
        "answer_incorrect": "No del todo.",
        "passed": "Aprobado",
        "not_passed": "Aún no aprobado",
        "retry": "Intentar de nuevo",
        "reset": "Reiniciar este cuestionario",
        "role_label": "Tu rol",
        "role_everyone": "Todos",
        "lesson_complete": "Completado",
        "minutes": "{minutes} min",
        "objectives": "Serás capaz de",
        "transcript": "Transcripción",
    },
}


def interface_strings(language: str, overrides: Mapping[str, str]) -> dict[str, str]:
    """English, then the theme language's translation, then the site's own wording."""
    base = language.split("-")[0].lower()
    return {**ENGLISH, **TRANSLATIONS.get(base, {}), **overrides}
