using Avenir.Silo.Prospects.FormTesting.Robots;

namespace Avenir.Silo.Tests.Prospects.FormTesting;

public sealed class RobotsTxtTests
{
    private const string Agent = "AvenirFormTester";

    [Fact]
    public void The_group_naming_the_agent_wins_over_the_star_group_whatever_the_case()
    {
        var robots = RobotsTxt.Parse("""
            User-agent: *
            Disallow: /

            User-Agent: avenirformtester
            Disallow: /private
            """);

        Assert.True(robots.IsAllowed(Agent, "/contact"));
        Assert.False(robots.IsAllowed(Agent, "/private/form"));
        Assert.False(robots.IsAllowed("SomeOtherBot", "/contact"));
    }

    [Fact]
    public void Without_a_matching_group_the_star_groups_apply_merged_and_without_any_everything_is_allowed()
    {
        var robots = RobotsTxt.Parse("user-agent: *\ndisallow: /a\n\nuser-agent: Googlebot\ndisallow: /b\n\nuser-agent: *\ndisallow: /c\n");

        Assert.False(robots.IsAllowed(Agent, "/a"));
        Assert.True(robots.IsAllowed(Agent, "/b"));
        Assert.False(robots.IsAllowed(Agent, "/c/d"));
        Assert.True(RobotsTxt.Parse("user-agent: Googlebot\ndisallow: /\n").IsAllowed(Agent, "/"));
    }

    [Fact]
    public void Consecutive_user_agent_lines_share_one_group()
    {
        var robots = RobotsTxt.Parse("User-agent: Googlebot\nUser-agent: AvenirFormTester\nDisallow: /shared\n");

        Assert.False(robots.IsAllowed(Agent, "/shared/x"));
        Assert.False(robots.IsAllowed("googlebot", "/shared"));
    }

    [Theory]
    [InlineData("/page", true)]          // allow /p (2) vs disallow / (1)
    [InlineData("/folder/page", true)]   // allow /folder/ (8) beats disallow /folder (7)
    [InlineData("/folder", false)]       // only disallow /folder matches
    [InlineData("/x.php", false)]        // disallow /*.php$ (7) beats allow / ... none
    [InlineData("/x.php?q=1", true)]     // $ anchors the end: no match, so allow /
    [InlineData("/fish/salmon.html", false)]
    [InlineData("/Fish", true)]          // paths are case-sensitive
    public void The_longest_match_wins_with_wildcards_and_end_anchors(string path, bool allowed)
    {
        var robots = RobotsTxt.Parse("""
            user-agent: AvenirFormTester
            allow: /p
            allow: /folder/
            disallow: /folder
            disallow: /*.php$
            disallow: /fish*
            allow: /
            disallow: /
            """);

        Assert.Equal(allowed, robots.IsAllowed(Agent, path));
    }

    [Fact]
    public void Allow_wins_a_tie_and_an_empty_disallow_allows_everything()
    {
        Assert.True(RobotsTxt.Parse("user-agent: *\nallow: /page\ndisallow: /page\n").IsAllowed(Agent, "/page"));
        Assert.True(RobotsTxt.Parse("user-agent: *\ndisallow:\n").IsAllowed(Agent, "/anything"));
    }

    [Fact]
    public void Comments_unknown_keys_and_crawl_delay_are_understood()
    {
        var robots = RobotsTxt.Parse("# site rules\nuser-agent: * # everyone\nsitemap: https://x.ca/sitemap.xml\ncrawl-delay: 4\ndisallow: /admin # private\n");

        Assert.False(robots.IsAllowed(Agent, "/admin/login"));
        Assert.True(robots.IsAllowed(Agent, "/contact"));
        Assert.Equal(TimeSpan.FromSeconds(4), robots.CrawlDelay(Agent));
    }

    [Fact]
    public void Non_ascii_paths_compare_as_percent_encoded_octets_and_robots_txt_itself_is_always_allowed()
    {
        var robots = RobotsTxt.Parse("user-agent: *\ndisallow: /soumission-équipe\ndisallow: /robots.txt\n");

        Assert.False(robots.IsAllowed(Agent, "/soumission-%C3%A9quipe"));
        Assert.False(robots.IsAllowed(Agent, "/soumission-%c3%a9quipe"));
        Assert.True(robots.IsAllowed(Agent, "/soumission-autre"));
        Assert.True(robots.IsAllowed(Agent, "/robots.txt"));
        Assert.False(RobotsTxt.DisallowAll.IsAllowed(Agent, "/"));
        Assert.True(RobotsTxt.AllowAll.IsAllowed(Agent, "/private"));
    }
}
