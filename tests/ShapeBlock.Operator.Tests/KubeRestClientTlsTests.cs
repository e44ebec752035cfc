using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ShapeBlock.Operator.Kube;
using ShapeBlock.Operator.Runtime.Client;

namespace ShapeBlock.Operator.Tests;

/// <summary>
/// The operator builds its HTTPS connection from a kubeconfig itself (no KubernetesClient instance): it trusts
/// the configured certificate authority only, and presents the kubeconfig's client certificate (k3s' admin
/// kubeconfig) — against a real TLS server on 127.0.0.1 that requires a client certificate.
/// </summary>
public sealed class KubeRestClientTlsTests
{
    [Fact]
    public async Task A_kubeconfig_with_its_own_CA_and_a_client_certificate_reaches_a_TLS_API_server()
    {
        using var ca = Authority("shapeblock-test-ca");
        using var serverCert = Issue(ca, "127.0.0.1", server: true);
        using var clientCert = Issue(ca, "system:admin", server: false);
        await using var server = await TlsApiServer.StartAsync(serverCert);
        using var client = KubeRestClient.Create(new KubernetesClientConfiguration
        {
            Host = server.Url,
            SslCaCerts = [X509CertificateLoader.LoadCertificate(ca.Export(X509ContentType.Cert))],
            ClientCertificateData = Base64Pem(clientCert.ExportCertificatePem()),
            ClientCertificateKeyData = Base64Pem(clientCert.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem()),
        });

        var ns = await client.GetAsync(Resources.Namespaces, Codecs.Namespace, null, "shop", CancellationToken.None);

        Assert.Equal("shop", ns?.Metadata.Name);
        Assert.Equal("CN=system:admin", server.ClientSubject);
    }

    [Fact]
    public async Task A_server_certificate_from_another_authority_is_refused()
    {
        using var ca = Authority("shapeblock-test-ca");
        using var other = Authority("someone-else");
        using var serverCert = Issue(other, "127.0.0.1", server: true);
        using var clientCert = Issue(ca, "system:admin", server: false);
        await using var server = await TlsApiServer.StartAsync(serverCert);
        using var client = KubeRestClient.Create(new KubernetesClientConfiguration
        {
            Host = server.Url,
            SslCaCerts = [X509CertificateLoader.LoadCertificate(ca.Export(X509ContentType.Cert))],
            AccessToken = "t0ken",
        });

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(Resources.Namespaces, Codecs.Namespace, null, "shop", CancellationToken.None));
        Assert.Null(server.ClientSubject);
    }

    private static string Base64Pem(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));

    private static X509Certificate2 Authority(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string name, bool server)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(50), RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Kestrel on 127.0.0.1 with TLS, asking for a client certificate, answering one Namespace.</summary>
    private sealed class TlsApiServer(WebApplication app) : IAsyncDisposable
    {
        private volatile string? clientSubject;

        public string Url { get; private set; } = "";

        public string? ClientSubject => clientSubject;

        public static async Task<TlsApiServer> StartAsync(X509Certificate2 certificate)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
            {
                https.ServerCertificate = certificate;
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.AllowAnyClientCertificate();
            })));
            var server = new TlsApiServer(builder.Build());
            server.Map();
            await server.StartAsync();
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        private void Map() => app.MapGet("/api/v1/namespaces/{name}", (HttpContext context, string name) =>
        {
            clientSubject = context.Connection.ClientCertificate?.Subject;
            return Results.Text($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{name}}}","resourceVersion":"1"}}""", "application/json");
        });

        private async Task StartAsync()
        {
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            Url = "https://127.0.0.1:" + new Uri(address).Port;
        }
    }
}
