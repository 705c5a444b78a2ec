using System.Reflection;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContainerSecurity.Engine.Docker.Connection;

/// <summary>
/// Turns Docker.DotNet's typed answers back into the Engine API's JSON. The library names its properties as the API
/// does, but its enums (HostConfig.RestartPolicy.Name is RestartPolicyKind) would be written as numbers by a plain
/// serializer, and a rule reading the string "always" would then see nothing: every live container looked like
/// restart policy "no". Enums are written as the API's own spelling, the EnumMember value of each constant.
/// </summary>
internal static class EngineApiJson
{
    private static readonly JsonSerializerOptions s_options = new() { Converters = { new EnumMemberConverterFactory() } };

    public static JsonElement ToJson<T>(T model) => JsonSerializer.SerializeToElement(model, s_options);

    private sealed class EnumMemberConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(EnumMemberConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class EnumMemberConverter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly Dictionary<TEnum, string> s_names = typeof(TEnum)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => (TEnum)f.GetValue(null)!, f => f.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? f.Name);

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Engine API models are only written, never read, through this converter.");

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
        {
            if (s_names.TryGetValue(value, out var name))
            {
                writer.WriteStringValue(name);
            }
            else
            {
                // A combination of flags or a value the library does not name: the number is all there is.
                writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }
}
