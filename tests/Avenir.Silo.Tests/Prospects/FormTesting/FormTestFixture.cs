namespace Avenir.Silo.Tests.Prospects.FormTesting;

/// <summary>A real mail server and a trained tone model, shared by the end-to-end form tests.</summary>
public sealed class FormTestFixture : IAsyncLifetime
{
    public Smtp4devServer Mail { get; } = new();

    public ToneModelFixture Tone { get; } = new();

    public Task InitializeAsync() => Mail.InitializeAsync();

    public async Task DisposeAsync()
    {
        await Mail.DisposeAsync();
        Tone.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class FormTestCollection : ICollectionFixture<FormTestFixture>
{
    public const string Name = "form tests (smtp4dev)";
}
