using System.Runtime.CompilerServices;

// Intake's pure rules (LeadIntakePlan) and its writer are tested directly, without a grain or timing in between.
[assembly: InternalsVisibleTo("Avenir.Silo.Tests")]
