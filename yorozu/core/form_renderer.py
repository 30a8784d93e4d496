"""The form renderer: Django's own, with `<select>` written in Python.

Django renders a select through a template per option (`select_option.html`, which includes
`attrs.html`): the job search's category list (about fifty options) and worker search's
prefectures and categories cost hundreds of template includes per page, a quarter of the job
search page's time (bench/bench_pages.py). `Select` and `SelectMultiple` widgets whose templates
are Django's defaults are written here instead, to the same bytes as the templates
(`core/tests/test_form_renderer.py` compares them); every other widget, and a select a project
template overrides, goes to the templates as before.
"""

from __future__ import annotations

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def render_attrs(attrs: dict[str, Any]) -> str:
    """`attrs.html`: ` name="value"` per attribute, the bare name for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def render_option(option: dict[str, Any]) -> str:
    # select_option.html ends in a newline, which its include keeps.
    return format_html(
        '<option value="{}"{}>{}</option>\n',
        str(option["value"]),
        mark_safe(render_attrs(option["attrs"])),
        option["label"],
    )


def render_select(widget: dict[str, Any]) -> SafeString:
    out: list[str] = [
        format_html(
            '<select name="{}"{}>', widget["name"], mark_safe(render_attrs(widget["attrs"]))
        )
    ]
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(format_html('\n  <optgroup label="{}">', group_name))
        for option in group_choices:
            out.append("\n  " + render_option(option))
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return mark_safe("".join(out))


class FormRenderer(DjangoTemplates):
    """`FORM_RENDERER`: Django's template renderer, selects excepted (see the module's doc)."""

    def render(self, template_name: str, context: dict[str, Any], request=None) -> str:
        widget = context.get("widget")
        if (
            template_name == SELECT
            and widget is not None
            and self._select_templates_are_djangos
            and self._option_templates_default(widget)
        ):
            return render_select(widget)
        return super().render(template_name, context, request=request)

    @cached_property
    def _select_templates_are_djangos(self) -> bool:
        """False when an app's templates override Django's select or option template."""
        return all(
            "/django/forms/templates/" in str(self.get_template(name).origin.name)  # type: ignore[attr-defined]
            for name in (SELECT, OPTION)
        )

    @staticmethod
    def _option_templates_default(widget: dict[str, Any]) -> bool:
        return all(
            option.get("template_name") == OPTION
            for _name, options, _index in widget["optgroups"]
            for option in options
        )
