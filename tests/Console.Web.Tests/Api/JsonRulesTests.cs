using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CapacityConsole.Web.Tests.Api;

/// <summary>The API's JSON rules: non-nullable fields are required and never null on the way in; answers are never refused on the way out.</summary>
public sealed class JsonRulesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    public sealed record Probe(string Name, string? Note, int Count);

    private JsonSerializerOptions Options => factory.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;

    [Fact]
    public void Reading_RequiresNonNullableFields_AndLetsNullableOnesBeLeftOut()
    {
        Assert.Equal(new Probe("x", null, 2), JsonSerializer.Deserialize<Probe>("""{"name":"x","count":2}""", Options));
        Assert.Contains("name", Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Probe>("""{"count":2}""", Options)).Message);
        Assert.Contains("count", Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Probe>("""{"name":"x"}""", Options)).Message);
        Assert.Contains("Name", Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Probe>("""{"name":null,"count":2}""", Options)).Message);
    }

    [Fact]
    public void Writing_ANullWhereTheTypeSaysNonNull_StillWrites()
    {
        var json = JsonSerializer.Serialize(new Probe(null!, null, 1), Options);
        Assert.Contains("\"name\":null", json);
    }
}
