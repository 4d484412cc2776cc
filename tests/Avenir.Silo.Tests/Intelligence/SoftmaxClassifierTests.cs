using Avenir.Silo.Intelligence.Local;

namespace Avenir.Silo.Tests.Intelligence;

public sealed class SoftmaxClassifierTests
{
    private static readonly string[] Labels = ["left", "right", "up"];

    private static FeatureVector Point(float x, float y, int sparseRow) => new([x, y], [sparseRow], [1f]);

    [Fact]
    public void Probabilities_sum_to_one()
    {
        var probabilities = SoftmaxClassifier.Softmax([2.0, -1.0, 0.5, 7.0], 1.0);

        Assert.Equal(1.0, probabilities.Sum(), 9);
        Assert.All(probabilities, p => Assert.InRange(p, 0.0, 1.0));
        Assert.Equal(3, SoftmaxClassifier.ArgMax(probabilities));
    }

    [Fact]
    public void Higher_temperature_flattens_the_distribution()
    {
        double[] logits = [3.0, 1.0, 0.0];

        var sharp = SoftmaxClassifier.Softmax(logits, 0.5);
        var flat = SoftmaxClassifier.Softmax(logits, 3.0);

        Assert.True(flat[0] < sharp[0]);
        Assert.True(flat[2] > sharp[2]);
    }

    [Fact]
    public void Trainer_learns_a_separable_problem()
    {
        var samples = new List<FeatureVector>();
        var targets = new List<int>();
        var random = new Random(7);
        for (var i = 0; i < 90; i++)
        {
            var label = i % 3;
            var (x, y) = label switch { 0 => (-1f, 0f), 1 => (1f, 0f), _ => (0f, 1f) };
            samples.Add(Point(x + (float)(random.NextDouble() - 0.5) * 0.4f, y + (float)(random.NextDouble() - 0.5) * 0.4f, label));
            targets.Add(label);
        }

        var classifier = SoftmaxTrainer.Train(
            samples, targets, weights: null, Labels, densePenalty: [1.0, 1.0], sparsePenalty: [1.0, 1.0, 1.0], new SoftmaxTrainingOptions());

        var correct = samples.Select((sample, i) => SoftmaxClassifier.ArgMax(classifier.Probabilities(sample)) == targets[i]).Count(ok => ok);
        Assert.Equal(samples.Count, correct);
        Assert.Equal("up", Labels[SoftmaxClassifier.ArgMax(classifier.Probabilities(Point(0f, 1.1f, 2)))]);
    }

    [Fact]
    public void Sample_weights_move_the_decision_towards_the_heavier_samples()
    {
        // Two identical points with opposite labels: the heavier one wins.
        var samples = new List<FeatureVector> { Point(1f, 0f, 0), Point(1f, 0f, 0) };
        var targets = new List<int> { 0, 1 };
        var options = new SoftmaxTrainingOptions { Iterations = 200 };

        var towardsLeft = SoftmaxTrainer.Train(samples, targets, [3.0, 1.0], Labels, [1.0, 1.0], [1.0], options);
        var towardsRight = SoftmaxTrainer.Train(samples, targets, [1.0, 3.0], Labels, [1.0, 1.0], [1.0], options);

        Assert.Equal(0, SoftmaxClassifier.ArgMax(towardsLeft.Probabilities(samples[0])));
        Assert.Equal(1, SoftmaxClassifier.ArgMax(towardsRight.Probabilities(samples[0])));
    }

    [Fact]
    public void A_heavy_penalty_on_a_column_keeps_its_weights_near_zero()
    {
        var samples = new List<FeatureVector>();
        var targets = new List<int>();
        for (var i = 0; i < 60; i++)
        {
            var label = i % 2;
            // Both dense columns separate the classes equally well.
            var value = label == 0 ? -1f : 1f;
            samples.Add(new FeatureVector([value, value], [], []));
            targets.Add(label);
        }

        var classifier = SoftmaxTrainer.Train(samples, targets, null, ["a", "b"], [1.0, 1000.0], [], new SoftmaxTrainingOptions { L2 = 1e-2 });

        var free = Math.Abs(classifier.DenseWeights[0] - classifier.DenseWeights[2]);
        var penalised = Math.Abs(classifier.DenseWeights[1] - classifier.DenseWeights[3]);
        Assert.True(penalised < free / 10, $"penalised {penalised}, free {free}");
    }

    [Fact]
    public void Calibration_raises_the_temperature_of_overconfident_logits()
    {
        // Logits that always give ~99.9% to class 0 while class 0 is right only half the time.
        var logits = Enumerable.Range(0, 40).Select(_ => new[] { 8.0, 0.0 }).ToList();
        var targets = Enumerable.Range(0, 40).Select(i => i % 2).ToList();

        var temperature = TemperatureCalibration.Fit(logits, targets);

        Assert.True(temperature > 2.0, $"temperature {temperature}");
        Assert.True(TemperatureCalibration.NegativeLogLikelihood(logits, targets, temperature)
            < TemperatureCalibration.NegativeLogLikelihood(logits, targets, 1.0));
    }

    [Fact]
    public void Model_file_round_trips_weights_labels_and_temperatures()
    {
        var settings = new FeatureSettings { CharacterWeight = 0.7f, StyleWeight = 0.4f, Embedding = EmbeddingLayout.SharedPlusFrench };
        var vocabulary = new FeatureVocabulary([3, 17, 400]);
        var denseSize = settings.DenseSize(4);
        SoftmaxClassifier Classifier(IReadOnlyList<string> labels, double temperature)
        {
            var random = new Random(labels.Count);
            float[] Weights(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            return new SoftmaxClassifier(
                labels, denseSize, vocabulary.Count, Weights(labels.Count * denseSize), Weights(labels.Count * vocabulary.Count), Weights(labels.Count),
                temperature);
        }

        var model = new EnrichmentModel(
            "9.9", "test-encoder", 4, settings, vocabulary, Classifier(Labels, 0.8), Classifier(["a", "b"], 1.3), Classifier(["p", "q", "r", "s"], 2.0),
            new Dictionary<string, double> { ["cv_intent_macro_f1"] = 0.5 });
        var path = Path.Combine(Path.GetTempPath(), $"model-{Guid.NewGuid():N}.bin");
        try
        {
            EnrichmentModelFile.Save(model, path);
            var loaded = EnrichmentModelFile.Load(path);
            var x = new FeatureVector(Enumerable.Range(0, denseSize).Select(i => (float)Math.Sin(i)).ToArray(), [0, 2], [0.5f, 1f]);

            Assert.Equal(model.Name, loaded.Name);
            Assert.Equal(settings, loaded.Settings);
            Assert.Equal(vocabulary.Buckets, loaded.Vocabulary.Buckets);
            Assert.Equal(model.Tone.Labels, loaded.Tone.Labels);
            Assert.Equal(1.3, loaded.Urgency.Temperature);
            Assert.Equal(0.5, loaded.ValidationFigures["cv_intent_macro_f1"]);
            var expected = model.Intent.Probabilities(x);
            var actual = loaded.Intent.Probabilities(x);
            for (var k = 0; k < expected.Length; k++)
            {
                Assert.Equal(expected[k], actual[k], 2);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
