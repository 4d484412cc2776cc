// Namespaces most files of this project use; a file's own usings list only what is particular to it.
global using System.Globalization;
global using System.Text;
global using System.Text.Json;
global using Avenir.Infrastructure.Database;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
