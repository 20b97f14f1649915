"""The one-pass select of long agency lists: same markup as Django's select, escaped."""

from __future__ import annotations

from thidua.core.forms import QuickSelect


def test_quick_select_escapes_and_marks_the_chosen_option():
    widget = QuickSelect(choices=[("", "---------"), (1, "Sở <Y tế>"), (2, 'Phòng "A" & B')])
    html = widget.render("agency", 2, attrs={"id": "id_agency"})
    assert html.startswith('<select name="agency" id="id_agency">')
    assert '<option value="">---------</option>' in html
    assert '<option value="1">Sở &lt;Y tế&gt;</option>' in html
    assert '<option value="2" selected>Phòng &quot;A&quot; &amp; B</option>' in html
    assert "<Y" not in html


def test_quick_select_without_a_value_selects_the_empty_choice():
    html = QuickSelect(choices=[("", "—"), (1, "Một")]).render("agency", None)
    assert '<option value="" selected>—</option>' in html
