namespace Avenir.Silo.Intelligence.Local;

/// <summary>
/// One lead as the classifiers see it: a dense part (sentence embedding and cue features, already
/// weighted) and a sparse part (rows of the model vocabulary with their values).
/// </summary>
internal sealed class FeatureVector(float[] dense, int[] sparseRows, float[] sparseValues)
{
    public float[] Dense { get; } = dense;

    public int[] SparseRows { get; } = sparseRows;

    public float[] SparseValues { get; } = sparseValues;
}
