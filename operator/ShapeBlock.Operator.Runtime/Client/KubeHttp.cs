using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;

namespace ShapeBlock.Operator.Runtime.Client;

/// <summary>
/// The HTTP side of a kubeconfig or in-cluster configuration (server, TLS trust, client certificate, token
/// or basic credentials) without constructing a KubernetesClient <see cref="Kubernetes"/> instance: its constructor
/// takes the configuration's serializer options, which root KubernetesClient's JSON context of all models
/// in a NativeAOT binary.
/// </summary>
internal static class KubeHttp
{
    public static (Uri BaseUri, HttpClient Http, ServiceClientCredentials? Credentials) Create(KubernetesClientConfiguration config)
    {
        var host = config.Host ?? throw new KubeConfigException("the configuration names no API server (cluster.server)");
        var baseUri = new Uri(host.EndsWith('/') ? host : host + "/");
        var handler = new SocketsHttpHandler
        {
            // Long-lived watches over HTTP/2 and HTTP/1.1: detect dead connections, as KubernetesClient does.
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            KeepAlivePingDelay = TimeSpan.FromMinutes(3),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            EnableMultipleHttp2Connections = true,
        };
        if (baseUri.Scheme == Uri.UriSchemeHttps)
        {
            if (!string.IsNullOrEmpty(config.TlsServerName))
            {
                handler.SslOptions.TargetHost = config.TlsServerName;
            }

            if (config.SkipTlsVerify)
            {
                handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            }
            else if (config.SslCaCerts is { Count: > 0 } authorities)
            {
                handler.SslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => Kubernetes.CertificateValidationCallBack(sender, authorities, certificate, chain, errors);
            }

            if (!string.IsNullOrEmpty(config.ClientCertificateData) || !string.IsNullOrEmpty(config.ClientCertificateFilePath))
            {
                handler.SslOptions.ClientCertificates = [ClientCertificate(config)];
            }
        }

        // Watches and followed logs stream for as long as the server keeps them open.
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(config.UserAgent))
        {
            http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", config.UserAgent);
        }

        // Token (static, file-backed in a pod, or exec plugin) or basic credentials, as KubernetesClient picks them.
        return (baseUri, http, Kubernetes.CreateCredentials(config));
    }

    /// <summary>The kubeconfig's client certificate and key (PEM, inline as base64 or in files), e.g. k3s' admin credentials.</summary>
    private static X509Certificate2 ClientCertificate(KubernetesClientConfiguration config)
    {
        var certificate = Pem(config.ClientCertificateData, config.ClientCertificateFilePath, "client-certificate");
        var key = Pem(config.ClientCertificateKeyData, config.ClientKeyFilePath, "client-key");
        return X509Certificate2.CreateFromPem(certificate, key);
    }

    private static string Pem(string? base64, string? path, string field) =>
        !string.IsNullOrEmpty(base64) ? Encoding.UTF8.GetString(Convert.FromBase64String(base64))
        : !string.IsNullOrEmpty(path) ? File.ReadAllText(path)
        : throw new KubeConfigException($"the kubeconfig user has a client certificate but no {field}(-data)");
}
