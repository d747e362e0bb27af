using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CapacityConsole.Web.Api;

/// <summary>How the API reads and writes JSON.</summary>
internal static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        // A missing or null field that the domain's records do not allow is refused by the reader
        // with its name, instead of reaching the domain as null (and failing there as a 500).
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
            .WithAddedModifier(NullableMeansOptional);
    }

    /// <summary>
    /// A record parameter declared nullable (an event name, a team) may be left out of the body:
    /// only the non-nullable ones are required. The annotations guard what is read, not what is
    /// written: an answer is never turned into a 500 because a value the type calls non-null is null.
    /// </summary>
    private static void NullableMeansOptional(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.IsRequired && property.IsSetNullable) property.IsRequired = false;
            if (!property.PropertyType.IsValueType) property.IsGetNullable = true;
        }
    }
}
