using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace CapacityConsole.Web.Api;

/// <summary>
/// Turns the framework's binding failures (malformed JSON, a value of the wrong type, a missing
/// body, an id that is not a GUID, the wrong media type) into a ProblemDetails that names the
/// problem. When the JSON reader knows where it stopped, the field is named in <c>errors</c> the
/// way validation errors are.
/// </summary>
internal static partial class BadRequestProblem
{
    public static ProblemDetails From(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [ReaderMessage(json)] })
            {
                Status = exception.StatusCode,
                Title = "The request body could not be read.",
                Detail = $"{exception.Message} {ReaderMessage(json)}",
            };
        }
        var noBody = exception.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            || exception.Message.StartsWith("Required parameter", StringComparison.Ordinal) && exception.Message.EndsWith("from body.", StringComparison.Ordinal);
        var detail = noBody ? "This endpoint needs a JSON body, and none was sent." : exception.Message;
        // Every 400 names its field (issue 10): the route or query parameter the framework could not
        // bind ("id" for a route id that is not a GUID), the body, or the media type.
        var name = exception.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "Content-Type"
            : noBody ? "body"
            : ParameterPattern().Match(exception.Message) is { Success: true } m ? m.Groups["name"].Value
            : "request";
        var message = BindPattern().Match(exception.Message) is { Success: true } b
            ? $"'{b.Groups["value"].Value}' is not a valid {b.Groups["type"].Value}."
            : detail;
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [name] = [message] })
        {
            Status = exception.StatusCode,
            Title = exception.StatusCode == StatusCodes.Status415UnsupportedMediaType
                ? "Send the body as application/json."
                : "The request could not be read.",
            Detail = detail,
        };
    }

    /// <summary>The framework's words: Failed to bind parameter "Guid id" from "abc". / Required parameter "string entity" was not provided ….</summary>
    [GeneratedRegex("parameter \"(?:[^\" ]+ )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex("Failed to bind parameter \"(?<type>[^\" ]+) [A-Za-z0-9_]+\" from \"(?<value>[^\"]{0,80})")]
    private static partial Regex BindPattern();

    /// <summary>"$.windowStart" → "windowStart"; "$" (the body as a whole) → "body".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    /// <summary>The reader's own words, without the type names of our assemblies.</summary>
    private static string ReaderMessage(JsonException json) =>
        json.Message.Replace("CapacityConsole.Scheduler.", "", StringComparison.Ordinal);
}
