using Avenir.Grains.Prospects;

namespace Avenir.Silo.Tests.Prospects;

public sealed class AutomationNeedScoreTests
{
    private static readonly float[] Profile = [1, 0, 0];

    [Fact]
    public void The_neediest_prospect_scores_95_and_the_least_needy_45()
    {
        var neediest = AutomationNeedScore.Assess(new AutomationNeedSignals(100, 4, false, null, [1, 0, 0], [Profile]));
        var silentForm = AutomationNeedScore.Assess(new AutomationNeedSignals(
            100, 4, true, new FormTestSignal(FormTestStatuses.Timeout, AutoresponderTones.None, null), [1, 0, 0], [Profile]));
        var least = AutomationNeedScore.Assess(new AutomationNeedSignals(
            0, 5000, true, new FormTestSignal(FormTestStatuses.Completed, AutoresponderTones.Personalized, 2), [0, 1, 0], [Profile]));

        Assert.Equal(95, neediest.Score);
        Assert.Equal(87, silentForm.Score); // 45 + 12 + 10 + 0 (a form) + 12 (no answer) + 8
        Assert.Equal(45, least.Score);
        Assert.Equal(45 + 6 + 5 + 4 + 6 + 4, AutomationNeedScore.Assess(new AutomationNeedSignals()).Score); // every signal unknown: the middle
    }

    [Fact]
    public void The_explanation_adds_up_to_the_score_and_names_every_signal()
    {
        var assessment = AutomationNeedScore.Assess(new AutomationNeedSignals(
            70, 25, true, new FormTestSignal(FormTestStatuses.Completed, AutoresponderTones.Robotic, 300), [0.6f, 0.8f, 0], [Profile, [0, 1, 0]]));

        Assert.Equal(["industry", "company_size", "contact_form", "form_test", "profile_similarity"], assessment.Contributions.Select(c => c.Signal));
        Assert.Equal(assessment.Score, (int)Math.Round(45 + assessment.Contributions.Sum(c => c.Points), MidpointRounding.AwayFromZero));
        Assert.All(assessment.Contributions, c => Assert.InRange(c.Points, 0, c.MaxPoints));
        var test = assessment.Contributions.Single(c => c.Signal == "form_test");
        Assert.Equal(10, test.Points); // robotic 8 + slow (≥ 4 h) 2
        Assert.Contains("robotic", test.Reason, StringComparison.Ordinal);
        Assert.Contains("5 h", test.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AutoresponderTones.Personalized, AutoresponderTones.Human)]
    [InlineData(AutoresponderTones.Human, AutoresponderTones.Robotic)]
    [InlineData(AutoresponderTones.Robotic, AutoresponderTones.None)]
    public void A_worse_autoresponder_means_more_need(string better, string worse)
    {
        int Score(string tone) =>
            AutomationNeedScore.Assess(new AutomationNeedSignals(50, 20, true, new FormTestSignal(FormTestStatuses.Completed, tone, 30))).Score;

        Assert.True(Score(worse) > Score(better));
    }

    [Fact]
    public void Similarity_to_the_agency_profile_raises_the_score_and_other_models_vectors_are_ignored()
    {
        var close = AutomationNeedScore.Assess(new AutomationNeedSignals(DescriptionEmbedding: [1, 0.1f, 0], ProfileEmbeddings: [Profile]));
        var far = AutomationNeedScore.Assess(new AutomationNeedSignals(DescriptionEmbedding: [0, 0, 1], ProfileEmbeddings: [Profile]));
        var otherModel = AutomationNeedScore.Assess(new AutomationNeedSignals(DescriptionEmbedding: [1, 0], ProfileEmbeddings: [Profile]));

        Assert.True(close.Score > far.Score);
        Assert.Equal(4, otherModel.Contributions.Single(c => c.Signal == "profile_similarity").Points);
        Assert.Equal(1, AutomationNeedScore.Cosine([2, 0], [5, 0]), 6);
        Assert.Throws<ArgumentException>(() => AutomationNeedScore.Cosine([1], [1, 2]));
    }

    [Theory]
    [InlineData(0.70, 8.0)]
    [InlineData(0.35, 4.0)]
    [InlineData(0.06, 0.0)]
    public void A_stored_similarity_scores_linearly_from_010_to_060(double cosine, double points) =>
        Assert.Equal(points, AutomationNeedScore.Assess(new AutomationNeedSignals(ProfileSimilarity: cosine))
            .Contributions.Single(c => c.Signal == "profile_similarity").Points);

    [Fact]
    public void A_description_not_compared_yet_scores_the_middle_and_says_so_and_a_similarity_of_another_description_is_not_used()
    {
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var domain = ProspectDomain.Parse("compare.ca");
        var profile = ProspectMerge.MergeAll([new ProspectSourceRecord(ProspectSources.Csv, domain, at) { Description = "We bake bread." }])[0];
        var hash = ProspectSimilarity.HashOf(profile.Description)!;

        static AutomationNeedContribution Part(AutomationNeedAssessment a) => a.Contributions.Single(c => c.Signal == "profile_similarity");
        var notCompared = Part(ProspectState.Assess(profile, null, null));
        var stale = Part(ProspectState.Assess(profile, null, null, new ProspectSimilarity(0.7, "m", ProspectSimilarity.HashOf("Another text")!)));
        var compared = Part(ProspectState.Assess(profile, null, null, new ProspectSimilarity(0.7, "m", hash)));

        Assert.Equal((4.0, "description not compared with the agency profile yet"), (notCompared.Points, notCompared.Reason));
        Assert.Equal(notCompared, stale);
        Assert.Equal((8.0, "similarity to the agency profile 0.70"), (compared.Points, compared.Reason));
        Assert.Equal("no description to compare with the agency profile", Part(ProspectState.Assess(profile with { Description = null }, null, null)).Reason);
    }
}
