using Avenir.Grains.Prospects;

namespace Avenir.Silo.Tests.Prospects;

public sealed class ProspectDomainTests
{
    [Theory]
    [InlineData("https://WWW.Café-Lévis.ca/contact/", "xn--caf-lvis-d1ac.ca")]
    [InlineData("http://xn--caf-lvis-d1ac.ca", "xn--caf-lvis-d1ac.ca")]
    [InlineData("café-lévis.ca", "xn--caf-lvis-d1ac.ca")]
    [InlineData("CAFÉ-LÉVIS.CA.", "xn--caf-lvis-d1ac.ca")]
    [InlineData("https://user:pw@www.example.ca:8443/a/b?c=d#e", "example.ca")]
    [InlineData("  www.Dentiste-Levis.com  ", "dentiste-levis.com")]
    [InlineData("HTTPS://shop.Example.CO.uk/path", "shop.example.co.uk")]
    [InlineData("example.ca/contact?x=1", "example.ca")]
    [InlineData("//www.example.ca/", "example.ca")]
    public void Normalises_every_way_of_writing_a_site_to_one_domain(string website, string expected)
    {
        Assert.True(ProspectDomain.TryParse(website, out var domain));
        Assert.Equal(expected, domain.Value);
    }

    [Fact]
    public void The_same_site_written_in_unicode_and_punycode_is_one_identity()
    {
        var unicode = ProspectDomain.Parse("https://WWW.Café-Lévis.ca/contact/");
        var ascii = ProspectDomain.Parse("http://" + unicode.Value);

        Assert.Equal(unicode, ascii);
        Assert.Equal("café-lévis.ca", ascii.Unicode);
        Assert.StartsWith("xn--", ascii.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("localhost")]
    [InlineData("http://192.168.1.10/contact")]
    [InlineData("http://[::1]/")]
    [InlineData("not a website")]
    [InlineData("mailto:info@example.ca")]
    [InlineData("-bad-.ca")]
    [InlineData("example.123")]
    public void Refuses_what_names_no_public_host(string? website)
    {
        Assert.False(ProspectDomain.TryParse(website, out _));
    }

    [Fact]
    public void Only_a_leading_www_label_is_dropped()
    {
        Assert.Equal("www2.example.ca", ProspectDomain.Parse("www2.example.ca").Value);
        Assert.Equal("mywww.example.ca", ProspectDomain.Parse("mywww.example.ca").Value);
        Assert.Throws<FormatException>(() => ProspectDomain.Parse("nothing"));
    }
}
