using System.Text.Json.Nodes;
using ShapeBlock.Api.Validation.Cel;

namespace ShapeBlock.Api.Tests;

public sealed class CelTests
{
    private static readonly JsonNode Self = JsonNode.Parse("""
        {"name":"web","port":8080,"ratio":0.5,"tags":["a","b"],"build":{"type":"image"},"env":{"A":"1"},"empty":null}
        """)!;

    [Theory]
    [InlineData("self.name == 'web'", true)]
    [InlineData("self.port > 1024 && self.port <= 65535", true)]
    [InlineData("self.ratio < 1", true)]
    [InlineData("has(self.build) && !has(self.git)", true)]
    [InlineData("has(self.empty)", false)]
    [InlineData("self.build.type == 'image' ? has(self.port) : false", true)]
    [InlineData("size(self.tags) == 2 && self.tags.size() == 2", true)]
    [InlineData("'a' in self.tags && !('c' in self.tags)", true)]
    [InlineData("'A' in self.env", true)]
    [InlineData("self.tags.all(t, t.matches('^[a-z]$'))", true)]
    [InlineData("self.tags.exists(t, t == 'b')", true)]
    [InlineData("self.tags.exists_one(t, t != 'z')", false)]
    [InlineData("self.tags.map(t, t + '!') == ['a!', 'b!']", true)]
    [InlineData("self.tags.filter(t, t == 'a').size() == 1", true)]
    [InlineData("self.name.startsWith('we') && self.name.endsWith('b') && self.name.contains('e')", true)]
    [InlineData("self.port % 2 == 0 && self.port / 2 == 4040 && self.port - 80 == 8000 && -self.port < 0", true)]
    [InlineData("self.name.upperAscii() == 'WEB' && int('42') == 42 && string(1) == '1'", true)]
    [InlineData("{'a': 1}['a'] == 1 && [1, 2][1] == 2", true)]
    [InlineData("self.missing == 1 || true", true)]
    [InlineData("false && self.missing == 1", false)]
    public void Evaluates(string rule, bool expected) =>
        Assert.Equal(expected, CelProgram.Compile(rule).Evaluate(Self));

    [Theory]
    [InlineData("self.metadata.name.matches('^[a-z]+$') && size(self.metadata.name) <= 53", true)]
    [InlineData("has(self.spec.port) ? self.spec.port > 0 : self.metadata.generateName != ''", true)]
    [InlineData("self.spec.tags.all(t, t != '')", true)]
    [InlineData("!has(self.status) || self.status.level <= self.spec.max", false)]
    [InlineData("self.metadata.labels.size() > 0", false)]
    [InlineData("self['spec'].port > 0", false)]
    [InlineData("size(self) > 0", false)]
    [InlineData("self.spec == oldSelf.spec", false)]
    public void Knows_whether_a_rule_reads_only_some_top_level_fields(string rule, bool onlySpec) =>
        Assert.Equal(onlySpec, CelProgram.Compile(rule).ReadsSelfOnlyThrough(["spec"]));

    [Theory]
    [InlineData("self.missing == 1", "no such key: missing")]
    [InlineData("self.name > 1", "no such overload")]
    [InlineData("undefinedVar", "undeclared reference")]
    [InlineData("self.name.frobnicate()", "undeclared function")]
    public void Reports_evaluation_errors(string rule, string message)
    {
        var error = Assert.Throws<CelException>(() => CelProgram.Compile(rule).Evaluate(Self));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("self.name ==")]
    [InlineData("(self.name")]
    [InlineData("'unterminated")]
    [InlineData("self.name # 1")]
    public void Rejects_bad_syntax(string rule) => Assert.Throws<CelException>(() => CelProgram.Compile(rule));

    [Fact]
    public void Transition_rules_compare_with_the_old_value()
    {
        var program = CelProgram.Compile("self == oldSelf");

        Assert.True(program.IsTransitionRule);
        Assert.True(program.Evaluate(JsonNode.Parse("""{"a":[1,{"b":2}]}"""), JsonNode.Parse("""{"a":[1,{"b":2}]}""")));
        Assert.False(program.Evaluate(JsonNode.Parse("""{"a":[1,{"b":3}]}"""), JsonNode.Parse("""{"a":[1,{"b":2}]}""")));
    }
}
