using Avenir.Silo.Prospects.FormTesting;
using Avenir.Silo.Prospects.FormTesting.Discovery;
using Avenir.Silo.Prospects.FormTesting.Submission;

namespace Avenir.Silo.Tests.Prospects.FormTesting;

public sealed class ContactPageParserTests
{
    private static readonly Uri Page = new("https://www.cafe-levis.ca/fr/nous-joindre");

    [Fact]
    public void A_french_form_maps_its_fields_by_name_label_and_type_and_keeps_hidden_tokens()
    {
        var parsed = ContactPageParser.Parse("""
            <html lang="fr-CA"><body>
            <form method="post" action="../envoyer.php">
              <input type="hidden" name="_token" value="abc123">
              <label for="n">Votre nom</label><input id="n" name="field_1" required>
              <label>Courriel <input name="field_2" type="text"></label>
              <input name="telephone" placeholder="Téléphone">
              <label for="m">Votre question</label><textarea id="m" name="field_4"></textarea>
              <input name="_gotcha" style="display:none">
              <select name="service"><option value="">Choisir</option><option value="rdv">Rendez-vous</option></select>
              <input type="checkbox" name="loi25" value="oui" required> J'accepte
              <input type="checkbox" name="infolettre" value="1"> Infolettre
              <button type="submit" name="envoyer" value="1">Envoyer</button>
            </form></body></html>
            """, Page);

        var form = Assert.IsType<ContactForm>(parsed.Form);
        Assert.Equal("fr", form.Language);
        Assert.Equal(new Uri("https://www.cafe-levis.ca/envoyer.php"), form.Action);
        Assert.Equal("POST", form.Method);
        Assert.Equal(ContactForm.UrlEncoded, form.Enctype);
        Assert.Equal(
            [
                FormFieldRole.Hidden, FormFieldRole.Name, FormFieldRole.Email, FormFieldRole.Phone, FormFieldRole.Message, FormFieldRole.Honeypot,
                FormFieldRole.Choice, FormFieldRole.Checkbox, FormFieldRole.Checkbox, FormFieldRole.Submit,
            ],
            form.Fields.Select(f => f.Role));

        var inquiry = new InquiryComposer(new FormTestOptions()).Compose("t-1", form.Language);
        var values = FormValues.For(form, inquiry).ToDictionary(v => v.Key, v => v.Value);
        Assert.Equal("abc123", values["_token"]);
        Assert.Equal("tests+t-1@agency.example", values["field_2"]);
        Assert.Equal(string.Empty, values["_gotcha"]);
        Assert.Equal("rdv", values["service"]);
        Assert.Equal("oui", values["loi25"]);
        Assert.False(values.ContainsKey("infolettre"));
        Assert.Equal("1", values["envoyer"]);
        Assert.Contains("Avenir", values["field_4"], StringComparison.Ordinal);
        Assert.Contains("essai de votre formulaire", values["field_4"], StringComparison.Ordinal);
    }

    [Fact]
    public void An_english_multipart_form_with_first_and_last_name_resolves_its_action_against_base_href()
    {
        var parsed = ContactPageParser.Parse("""
            <html lang="en"><head><base href="https://forms.example.ca/app/"></head><body>
            <form role="search" action="/search"><input name="q"></form>
            <form method="POST" enctype="multipart/form-data" action="submit">
              <input name="firstName" autocomplete="given-name"><input name="lastName" autocomplete="family-name">
              <input name="contact_email" type="email" required><input name="company">
              <input name="topic" placeholder="Subject"><textarea name="details"></textarea>
              <input type="radio" name="pref" value="phone"><input type="radio" name="pref" value="email" checked>
            </form></body></html>
            """, new Uri("https://www.example.ca/contact-us"));

        var form = Assert.IsType<ContactForm>(parsed.Form);
        Assert.Equal(new Uri("https://forms.example.ca/app/submit"), form.Action);
        Assert.Equal(ContactForm.Multipart, form.Enctype);
        var inquiry = new InquiryComposer(new FormTestOptions { SenderName = "Marie Tremblay" }).Compose("x", "en");
        var values = FormValues.For(form, inquiry);
        Assert.Equal("Marie", values.Single(v => v.Key == "firstName").Value);
        Assert.Equal("Tremblay", values.Single(v => v.Key == "lastName").Value);
        Assert.Equal("Avenir", values.Single(v => v.Key == "company").Value);
        Assert.Equal(inquiry.Subject, values.Single(v => v.Key == "topic").Value);
        Assert.Equal("email", Assert.Single(values, v => v.Key == "pref").Value);
    }

    [Theory]
    [InlineData(
        "<form method=post><div class=\"g-recaptcha\" data-sitekey=\"k\"></div><input type=email name=e><textarea name=m></textarea></form>", "recaptcha")]
    [InlineData(
        "<script src=\"https://js.hcaptcha.com/1/api.js\"></script><form method=post><input type=email name=e><textarea name=m></textarea></form>", "hcaptcha")]
    [InlineData("<form method=post><div class=\"cf-turnstile\"></div><input type=email name=e><textarea name=m></textarea></form>", "turnstile")]
    public void Captcha_markers_are_found(string html, string captcha)
    {
        var parsed = ContactPageParser.Parse(html, Page);

        Assert.NotNull(parsed.Form);
        Assert.Equal(captcha, parsed.Captcha);
    }

    [Theory]
    [InlineData("<div id=\"contact\"><input type=email id=e><textarea id=m></textarea><button onclick=\"send()\">Send</button></div>")]
    [InlineData("<div id=\"root\"></div><script src=\"/static/js/main.js\"></script>")]
    [InlineData("<script>hbspt.forms.create({portalId:'1',formId:'2'});</script>")]
    [InlineData("<form action=\"javascript:void(0)\"><input type=email name=e><textarea name=m></textarea></form>")]
    public void Forms_that_exist_only_in_javascript_are_recognised(string html)
    {
        var parsed = ContactPageParser.Parse(html, Page);

        Assert.Null(parsed.Form);
        Assert.NotNull(parsed.JavaScriptForm);
    }

    [Fact]
    public void Contact_links_of_the_same_site_are_listed_best_first_and_newsletter_or_login_forms_are_not_contact_forms()
    {
        var parsed = ContactPageParser.Parse("""
            <html><body>
            <a href="/services">Services</a><a href="https://cafe-levis.ca/contactez-nous#form">Écrivez-nous</a>
            <a href="/a-propos">Nous joindre</a><a href="https://facebook.com/contact">Facebook</a><a href="mailto:x@y.ca">contact</a>
            <form method="post"><input type="email" name="email"><button>S'abonner</button></form>
            <form method="post"><input type="email" name="email"><input type="password" name="pw"><input name="name"></form>
            </body></html>
            """, Page);

        Assert.Null(parsed.Form);
        Assert.Equal([new Uri("https://cafe-levis.ca/contactez-nous"), new Uri("https://www.cafe-levis.ca/a-propos")], parsed.ContactLinks);
    }
}
