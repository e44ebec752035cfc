using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ShapeBlock.Api.Schema;

/// <summary>
/// Reads <c>&lt;summary&gt;</c> texts from the XML documentation file next to an assembly, so the CRD
/// descriptions (what <c>kubectl explain</c> prints) are the same words as the C# docs.
/// </summary>
internal sealed partial class XmlDocDescriptions
{
    private readonly Dictionary<string, string> summaries = new(StringComparer.Ordinal);

    public XmlDocDescriptions(Assembly assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".xml");
        if (!File.Exists(path))
        {
            return;
        }

        foreach (var member in XDocument.Load(path).Descendants("member"))
        {
            var name = member.Attribute("name")?.Value;
            var summary = member.Element("summary");
            if (name is not null && summary is not null)
            {
                summaries[name] = Flatten(summary);
            }
        }
    }

    public bool IsEmpty => summaries.Count == 0;

    public string? ForType(Type type) => summaries.GetValueOrDefault("T:" + DocName(type));

    public string? ForProperty(PropertyInfo property) =>
        summaries.GetValueOrDefault("P:" + DocName(property.DeclaringType!) + "." + property.Name);

    private static string DocName(Type type)
    {
        var name = type.IsGenericType ? type.GetGenericTypeDefinition().FullName! : type.FullName!;
        return name.Replace('+', '.');
    }

    private static string Flatten(XElement summary)
    {
        var parts = summary.Nodes().Select(node => node switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "see" } see => RefName(see),
            XElement element => element.Value,
            _ => "",
        });
        return Whitespace().Replace(string.Concat(parts), " ").Trim();
    }

    private static string RefName(XElement see)
    {
        var cref = see.Attribute("cref")?.Value ?? see.Attribute("langword")?.Value ?? "";
        var dot = cref.LastIndexOf('.');
        return dot >= 0 ? cref[(dot + 1)..] : cref.Split(':').Last();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
