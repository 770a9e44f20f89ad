"""Spanish and English: the language of the request, remembered per browser."""
from __future__ import annotations

from flask import Flask, current_app, request, session
from flask_babel import Babel, get_locale, refresh

LANG_NAMES = {"es": "Español", "en": "English"}


def select_locale() -> str:
    """`?lang=` wins and is remembered; then the remembered choice; then Spanish."""
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang")
    if asked in languages:
        if not request.path.startswith("/api/"):
            session["lang"] = asked
        return asked
    remembered = session.get("lang")
    if remembered in languages:
        return remembered
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def current_lang() -> str:
    """The two-letter language of the current request."""
    return str(get_locale() or "es")[:2]


def init_i18n(app: Flask, babel: Babel) -> None:
    babel.init_app(app, locale_selector=select_locale)
    # Flask-Babel caches the locale in the app context, which outlives a request when a
    # context is already pushed (CLI, tests); choose afresh for every request.
    app.before_request(refresh)

    from .labels import all_labels

    @app.context_processor
    def _languages():
        return {"LANG_NAMES": LANG_NAMES, "current_lang": current_lang, "labels": all_labels()}

    from .forms import translate_message

    app.add_template_filter(translate_message, "field_error")

    @app.template_filter("zip_phases")
    def _phase_options(numbers, phases):
        """(number, "1 · Situación actual") pairs for a phase select."""
        return [(p.number, f"{p.number} · {_translated(p, 'name')}") for p in phases]

    @app.template_filter("tr")
    def _translated(obj, field: str) -> str:
        """`item|tr('title')`: the English field on English pages when it is filled in."""
        english = getattr(obj, f"{field}_en", "") if current_lang() == "en" else ""
        return english or getattr(obj, field, "")
