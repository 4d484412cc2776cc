// Namespaces most files of this project use; a file's own usings list only what is particular to it.
global using System.Diagnostics.CodeAnalysis;
global using System.Globalization;
global using Avenir.Contracts.Clients;
global using Avenir.Contracts.Leads;
global using Avenir.Infrastructure.Database;
global using Microsoft.AspNetCore.Http.HttpResults;
