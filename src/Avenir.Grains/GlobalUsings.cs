// Namespaces most files of this project use; a file's own usings list only what is particular to it.
global using System.Globalization;
global using Avenir.Contracts.Clients;
global using Avenir.Contracts.Growth;
global using Avenir.Contracts.Leads;
global using Avenir.Contracts.Outreach;
global using Avenir.Contracts.Prompts;
global using Avenir.Infrastructure.Database;
global using Microsoft.Extensions.Logging;
