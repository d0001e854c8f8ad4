from bs4 import BeautifulSoup

from accounts.forms import PostalAddressForm


def test_the_country_select_keeps_the_choice_and_the_field_state():
    form = PostalAddressForm(data={"country": "GB"})
    form.is_valid()
    select = BeautifulSoup(str(form["country"]), "html.parser").select_one("select")
    options = select.select("option")
    assert select["name"] == "country" and select.has_attr("required")
    assert select["autocomplete"] == "country"
    assert len(options) > 200 and options[0]["value"] == ""
    assert [option["value"] for option in select.select("option[selected]")] == ["GB"]

    empty = PostalAddressForm(data={})
    empty.is_valid()
    select = BeautifulSoup(str(empty["country"]), "html.parser").select_one("select")
    assert select["aria-invalid"] == "true"


def test_the_country_names_are_escaped():
    form = PostalAddressForm()
    form.fields["country"].widget.choices = [("XX", "<b>Nowhere</b>")]
    assert "&lt;b&gt;Nowhere&lt;/b&gt;" in str(form["country"])
