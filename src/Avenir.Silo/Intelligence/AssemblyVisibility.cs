using System.Runtime.CompilerServices;

// The enrichment internals (features, classifier, model file) are tested directly.
[assembly: InternalsVisibleTo("Avenir.Silo.Tests")]
