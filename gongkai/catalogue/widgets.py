"""The 正文 widget (issue 11.17): a textarea that body-editor.js turns into a structured editor.

The textarea is what is posted and what works without JavaScript; the script only fills it. The
server sanitises the body in any case (sanitize.clean_body)."""

from django import forms


class BodyEditor(forms.Textarea):
    class Media:
        css = {"all": ["catalogue/body-editor.css"]}
        js = ["catalogue/body-editor.js"]

    def __init__(self, attrs=None, *, raw_html: bool = False):
        attrs = {"rows": 16, "data-rich-editor": "", **(attrs or {})}
        if raw_html:  # the openness office may switch to the HTML source
            attrs["data-raw-html"] = ""
        super().__init__(attrs)
