using System.Text.Json;
using Avenir.Silo.Prospects.FormTesting.Tone;

namespace Avenir.Silo.Tests.Prospects.FormTesting;

[Collection(FormTestCollection.Name)]
public sealed class EvaluateAutorespondersCommandTests
{
    [Fact]
    public async Task The_command_reads_a_jsonl_file_and_ends_with_a_json_line_of_accuracy_macro_f1_and_n()
    {
        var file = Path.GetTempFileName();
        try
        {
            // Two emails it has never seen, in the documented line format.
            await File.WriteAllLinesAsync(file,
            [
                """{"subject":"Accusé de réception","body":"Nous avons bien reçu votre demande. Un conseiller vous répondra dans un délai"""
                + """ de 3 jours ouvrables. Ceci est un message automatique.","from":"ne-pas-repondre@banque-test.ca","headers":"""
                + """{"Auto-Submitted":"auto-replied"},"minutes_after_submit":0.2,"submitted":"""
                + """{"name":"Luc Fortin","message":"Quels sont vos frais pour un compte d'entreprise?","language":"fr"},"tone":"robotic"}""",
                """{"subject":"Mail delivery failed","body":"This message was created automatically by mail delivery software. A message could"""
                + """ not be delivered. 550 5.1.1 user unknown","from":"MAILER-DAEMON@mx.test","headers":{},"minutes_after_submit":0.1,"submitted":"""
                + """{"name":"Luc Fortin","message":"Hello?","language":"en"},"tone":"none"}""",
            ]);
            using var output = new StringWriter();

            var code = await AutoresponderEvaluationCommand.RunAsync(["evaluate-autoresponders", file], output);

            Assert.Equal(0, code);
            var lines = output.ToString().TrimEnd().Split('\n');
            Assert.Contains(lines, l => l.StartsWith("gold \\ predicted", StringComparison.Ordinal));
            var json = JsonDocument.Parse(lines[^1]).RootElement;
            Assert.Equal(2, json.GetProperty("n").GetDouble());
            Assert.InRange(json.GetProperty("accuracy").GetDouble(), 0, 1);
            Assert.InRange(json.GetProperty("macro_f1").GetDouble(), 0, 1);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Bad_arguments_and_bad_lines_exit_2_with_a_message()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "{\"subject\": \"ok\"}\nnot json\n");
            using var output = new StringWriter();

            Assert.Equal(2, await AutoresponderEvaluationCommand.RunAsync([], output));
            Assert.Equal(2, await AutoresponderEvaluationCommand.RunAsync([file], output));
            Assert.Contains(":2:", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
