using Avenir.Grains.Outreach.Templates;

namespace Avenir.Silo.Tests.Outreach;

/// <summary>Outreach templates: validation at save names each wrong variable; rendering encodes HTML and keeps headers one line.</summary>
public sealed class TemplateEngineTests
{

    private static EmailTemplateContent English(
        string? subject = null, string? html = null, string? text = null, params TemplateVariableDeclaration[] variables) => new(
        "en",
        subject ?? "A quick idea for {{ business_name }}",
        html ?? "<p>Hi {{ contact_first_name | default: \"there\" }},</p>"
            + "<p>I help {{ industry }} businesses in {{ city }}. <a href=\"{{ booking_link }}\" title=\"{{ business_name }}\">Book a call</a></p>"
            + "<p>{{ sender_name }}</p>",
        text ?? "Hi {{ contact_first_name | default: \"there\" }},\n\nI help {{ industry }} businesses in {{ city }}: {{ booking_link }}\n\n{{ sender_name }}",
        variables.Length > 0 ? variables :
        [
            new("business_name"), new("contact_first_name", Required: false), new("industry"), new("city"), new("booking_link"), new("sender_name"),
        ]);

    private static Dictionary<string, string?> Values(string businessName = "Toitures Gagnon") => new(StringComparer.Ordinal)
    {
        ["business_name"] = businessName,
        ["contact_first_name"] = "Sophie",
        ["industry"] = "roofing",
        ["city"] = "Laval",
        ["booking_link"] = "https://cal.example.ca/marc",
        ["sender_name"] = "Marc Tremblay",
    };

    private static RenderedEmail Render(EmailTemplateContent template, Dictionary<string, string?> values)
    {
        var compiled = OutreachTemplateEngine.Compile(template);
        Assert.True(compiled.Succeeded, string.Join("; ", compiled.Problems.Select(p => p.Message)));
        var rendering = OutreachTemplateEngine.Render(compiled.Template!, values);
        Assert.True(rendering.Succeeded, string.Join("; ", rendering.Problems.Select(p => p.Message)));
        return rendering.Email!;
    }

    [Fact]
    public void An_English_template_renders_all_three_parts()
    {
        var email = Render(English(), Values());

        Assert.Equal("A quick idea for Toitures Gagnon", email.Subject);
        Assert.Equal(
            "<p>Hi Sophie,</p><p>I help roofing businesses in Laval. <a href=\"https://cal.example.ca/marc\" title=\"Toitures Gagnon\">Book a call</a></p>"
            + "<p>Marc Tremblay</p>",
            email.Html);
        Assert.Equal("Hi Sophie,\n\nI help roofing businesses in Laval: https://cal.example.ca/marc\n\nMarc Tremblay", email.Text);
    }

    [Fact]
    public void A_French_template_keeps_its_accents_readable_in_the_HTML()
    {
        var template = new EmailTemplateContent(
            "fr",
            "Une idée pour {{ business_name }}",
            "<p>Bonjour {{ contact_first_name }}, à {{ city }}?</p>",
            "Bonjour {{ contact_first_name }}, à {{ city }}?",
            [new("business_name"), new("contact_first_name"), new("city")]);

        var email = Render(
            template, new(StringComparer.Ordinal) { ["business_name"] = "Café Côté & fils", ["contact_first_name"] = "Léa", ["city"] = "Québec" });

        Assert.Equal("Une idée pour Café Côté & fils", email.Subject);
        Assert.Equal("<p>Bonjour Léa, à Québec?</p>", email.Html);
        Assert.Equal("Bonjour Léa, à Québec?", email.Text);
    }

    [Fact]
    public void An_optional_variable_without_a_value_takes_its_default()
    {
        var values = Values();
        values.Remove("contact_first_name");

        Assert.StartsWith("<p>Hi there,</p>", Render(English(), values).Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("\" onmouseover=\"alert(1)", "&quot; onmouseover=&quot;alert(1)")]
    [InlineData("' autofocus onfocus='alert(1)", "&#x27; autofocus onfocus=&#x27;alert(1)")]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    public void Hostile_values_are_encoded_in_the_HTML_and_left_as_text_in_the_plain_part(string businessName, string encoded)
    {
        var email = Render(English(), Values(businessName));

        Assert.Contains($"title=\"{encoded}\"", email.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(businessName, email.Html, StringComparison.Ordinal);
        Assert.Equal($"A quick idea for {businessName}", email.Subject);
        Assert.DoesNotContain("<script", email.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_value_that_looks_like_Liquid_is_printed_not_evaluated()
    {
        var email = Render(English(), Values("{{ sender_name }}{% if true %}x{% endif %}"));

        Assert.Contains("title=\"{{ sender_name }}{% if true %}x{% endif %}\"", email.Html, StringComparison.Ordinal);
        Assert.Equal("A quick idea for {{ sender_name }}{% if true %}x{% endif %}", email.Subject);
    }

    [Fact]
    public void A_plain_text_part_is_never_encoded()
    {
        var template = English(text: "{{ business_name }} — {{ city }}");

        var email = Render(template, Values("Ben & Jerry's <Café>"));

        Assert.Equal("Ben & Jerry's <Café> — Laval", email.Text);
        Assert.Contains("Ben &amp; Jerry&#x27;s &lt;Café&gt;", email.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Toitures\r\nBcc: victim@example.com")]
    [InlineData("Toitures\nX-Injected: 1")]
    [InlineData("Toitures\u2028\u0085\u0000Bcc: x@example.com")]
    public void A_value_can_never_break_the_subject_line(string businessName)
    {
        var email = Render(English(), Values(businessName));

        Assert.DoesNotContain('\r', email.Subject);
        Assert.DoesNotContain('\n', email.Subject);
        Assert.All(email.Subject, c => Assert.False(char.IsControl(c) || c is '\u2028' or '\u0085', $"control U+{(int)c:X4} in the subject"));
        Assert.StartsWith("A quick idea for Toitures ", email.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("/relative/path")]
    [InlineData("ftp://files.example.ca/")]
    public void A_url_variable_must_be_an_absolute_web_url(string bookingLink)
    {
        var compiled = OutreachTemplateEngine.Compile(English()).Template!;
        var values = Values();
        values["booking_link"] = bookingLink;

        var rendering = OutreachTemplateEngine.Render(compiled, values);

        Assert.False(rendering.Succeeded);
        var problem = Assert.Single(rendering.Problems);
        Assert.Equal(("invalid_url", "booking_link"), (problem.Code, problem.Variable));
    }

    [Fact]
    public void A_required_variable_without_a_value_is_named()
    {
        var compiled = OutreachTemplateEngine.Compile(English()).Template!;
        var values = Values();
        values["city"] = " ";
        values.Remove("industry");

        var rendering = OutreachTemplateEngine.Render(compiled, values);

        Assert.Equal(["city", "industry"], rendering.Problems.Where(p => p.Code == "missing_value").Select(p => p.Variable).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_unknown_variable_in_any_part_is_named_with_its_part()
    {
        var template = English(text: "Hi {{ firstname }}, see {{ booking_link }}");

        var problems = OutreachTemplateEngine.Validate(template);

        var problem = Assert.Single(problems);
        Assert.Equal(new TemplateProblem("unknown_variable", "text", "firstname", problem.Message), problem);
        Assert.Contains("firstname", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_used_but_undeclared_variable_is_named_even_inside_a_condition()
    {
        var template = English(html: "<p>{% if city %}In {{ city }}{% else %}{% unless industry %}{{ province }}{% endunless %}{% endif %}</p>");

        var problems = OutreachTemplateEngine.Validate(template);

        Assert.Equal(
            [("undeclared_variable", "html", "province")],
            problems.Select(p => (p.Code, p.Part, p.Variable)));
    }

    [Fact]
    public void A_declared_unknown_or_duplicate_variable_is_named()
    {
        var template = English() with { Variables = [.. English().Variables, new("favourite_colour"), new("city")] };

        var problems = OutreachTemplateEngine.Validate(template);

        Assert.Contains(problems, p => p is { Code: "unknown_variable", Part: "variables", Variable: "favourite_colour" });
        Assert.Contains(problems, p => p is { Code: "duplicate_variable", Variable: "city" });
    }

    [Theory]
    [InlineData("{{ business_name | raw }}", "unsupported_filter")]
    [InlineData("{% for i in (1..1000000) %}x{% endfor %}", "unsupported_tag")]
    [InlineData("{% assign business_name = 'x' %}", "unsupported_tag")]
    [InlineData("{% include 'secrets' %}", "unsupported_tag")]
    [InlineData("{{ business.name }}", "unsupported_expression")]
    [InlineData("{{ business_name ", "syntax_error")]
    [InlineData("<script>fetch('/api')</script>", "unsafe_html")]
    [InlineData("<a href=\"#\" onclick=\"steal()\">x</a>", "unsafe_html")]
    [InlineData("<a href=\"javascript:void(0)\">x</a>", "unsafe_html")]
    [InlineData("<a href={{ booking_link }}>x</a>", "unquoted_attribute")]
    [InlineData("", "empty_part")]
    public void An_unsafe_or_unsupported_HTML_part_is_refused_at_save(string html, string code)
    {
        var problems = OutreachTemplateEngine.Validate(English(html: html));

        Assert.Contains(problems, p => p.Code == code && p.Part == "html");
        Assert.False(OutreachTemplateEngine.Compile(English(html: html)).Succeeded);
    }

    [Fact]
    public void A_subject_template_must_be_one_line_and_the_language_en_or_fr()
    {
        Assert.Contains(OutreachTemplateEngine.Validate(English(subject: "Hello\r\nBcc: x@example.com")), p => p.Code == "line_break_in_subject");
        Assert.Contains(OutreachTemplateEngine.Validate(English() with { Language = "es" }), p => p is { Code: "unsupported_language", Part: "language" });
        Assert.Empty(OutreachTemplateEngine.Validate(English()));
    }
}
