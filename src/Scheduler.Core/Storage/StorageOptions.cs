using System.ComponentModel.DataAnnotations;

namespace CapacityConsole.Scheduler.Storage;

public enum StorageProvider { Sqlite, Postgres }

/// <summary>
/// Where the domain tables live. The embedded default is a SQLite file under the data folder;
/// production uses PostgreSQL. Connection strings come from configuration only; they may carry a
/// password, so they are never logged.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The data folder for the SQLite file. Empty means the default "./data" next to the repository
    /// (created when missing). A folder named here explicitly must already exist, so that a typo
    /// does not quietly create a second, empty database somewhere else.
    /// </summary>
    public string? DataDirectory { get; set; }

    [StringLength(200, MinimumLength = 1)]
    public string SqliteFileName { get; set; } = "capacity.db";

    /// <summary>Npgsql connection string; required when <see cref="Provider"/> is Postgres.</summary>
    public string? PostgresConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(PostgresConnectionString))
            yield return new ValidationResult(
                "Storage:PostgresConnectionString is required when Storage:Provider is Postgres.",
                [nameof(PostgresConnectionString)]);
        if (SqliteFileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
            yield return new ValidationResult(
                $"Storage:SqliteFileName '{SqliteFileName}' is not a valid file name.", [nameof(SqliteFileName)]);
    }
}
