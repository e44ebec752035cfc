using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace ShapeBlock.Sdk.Platform;

/// <summary>
/// htpasswd lines for the registry, which accepts only bcrypt (<c>$2y$</c>). .NET has no bcrypt, so this is a
/// small implementation of it (OpenBSD's algorithm); Blowfish's initial state is the hex digits of π, computed
/// once instead of pasting 1,042 constants.
/// </summary>
internal static class Htpasswd
{
    private const string Alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly Lazy<uint[]> PiWords = new(ComputePiWords);

    /// <summary>An htpasswd line <c>user:$2y$10$…</c> with a random salt.</summary>
    public static string Line(string user, string password, int cost = 10) =>
        $"{user}:{Hash(password, RandomNumberGenerator.GetBytes(16), cost, "2y")}";

    /// <summary>True when an htpasswd line <c>user:$2y$NN$…</c> is <paramref name="user"/> with <paramref name="password"/> (same salt and cost, constant-time compare).</summary>
    public static bool Verify(string line, string user, string password)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || line[..colon] != user)
        {
            return false;
        }

        var hash = line[(colon + 1)..].TrimEnd('\r', '\n');
        var parts = hash.Split('$');
        if (parts.Length != 4 || parts[3].Length != 53 || !int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var cost) || cost is < 4 or > 31)
        {
            return false;
        }

        var expected = Hash(password, DecodeSalt(parts[3][..22]), cost, parts[1]);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(hash));
    }

    /// <summary>The bcrypt hash of <paramref name="password"/> with the given 16-byte salt.</summary>
    public static string Hash(string password, byte[] salt, int cost, string version = "2b")
    {
        var key = Encoding.UTF8.GetBytes(password + "\0");
        if (key.Length > 72)
        {
            key = key[..72];
        }

        var p = PiWords.Value[..18];
        var s = PiWords.Value[18..];
        ExpandKey(p, s, salt, key);
        for (long i = 0, rounds = 1L << cost; i < rounds; i++)
        {
            ExpandKey(p, s, null, key);
            ExpandKey(p, s, null, salt);
        }

        var text = Encoding.ASCII.GetBytes("OrpheanBeholderScryDoubt");
        var words = new uint[6];
        for (var i = 0; i < 6; i++)
        {
            words[i] = (uint)(text[4 * i] << 24 | text[(4 * i) + 1] << 16 | text[(4 * i) + 2] << 8 | text[(4 * i) + 3]);
        }

        for (var n = 0; n < 64; n++)
        {
            for (var i = 0; i < 6; i += 2)
            {
                Encipher(p, s, ref words[i], ref words[i + 1]);
            }
        }

        var output = new byte[24];
        for (var i = 0; i < 6; i++)
        {
            output[4 * i] = (byte)(words[i] >> 24);
            output[(4 * i) + 1] = (byte)(words[i] >> 16);
            output[(4 * i) + 2] = (byte)(words[i] >> 8);
            output[(4 * i) + 3] = (byte)words[i];
        }

        return $"${version}${cost:D2}${Encode(salt, 16)}{Encode(output, 23)}";
    }

    /// <summary>Decodes the 22-character salt of a bcrypt hash (bcrypt's own base64 alphabet) to its 16 bytes.</summary>
    public static byte[] DecodeSalt(string text)
    {
        var bits = new List<byte>();
        int buffer = 0, count = 0;
        foreach (var c in text)
        {
            buffer = (buffer << 6) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            count += 6;
            if (count >= 8)
            {
                count -= 8;
                bits.Add((byte)(buffer >> count));
                buffer &= (1 << count) - 1;
            }
        }

        return [.. bits.Take(16)];
    }

    private static void ExpandKey(uint[] p, uint[] s, byte[]? salt, byte[] key)
    {
        var keyPos = 0;
        for (var i = 0; i < 18; i++)
        {
            p[i] ^= StreamWord(key, ref keyPos);
        }

        uint l = 0, r = 0;
        var saltPos = 0;
        for (var i = 0; i < 18 + 1024; i += 2)
        {
            if (salt is not null)
            {
                l ^= StreamWord(salt, ref saltPos);
                r ^= StreamWord(salt, ref saltPos);
            }

            Encipher(p, s, ref l, ref r);
            if (i < 18)
            {
                p[i] = l;
                p[i + 1] = r;
            }
            else
            {
                s[i - 18] = l;
                s[i - 17] = r;
            }
        }
    }

    private static uint StreamWord(byte[] data, ref int pos)
    {
        uint word = 0;
        for (var i = 0; i < 4; i++)
        {
            word = word << 8 | data[pos];
            pos = (pos + 1) % data.Length;
        }

        return word;
    }

    private static void Encipher(uint[] p, uint[] s, ref uint xl, ref uint xr)
    {
        var l = xl ^ p[0];
        var r = xr;
        for (var i = 1; i <= 16; i += 2)
        {
            r ^= F(s, l) ^ p[i];
            l ^= F(s, r) ^ p[i + 1];
        }

        xl = r ^ p[17];
        xr = l;
    }

    private static uint F(uint[] s, uint x) =>
        ((s[(int)(x >> 24)] + s[256 + (int)((x >> 16) & 0xff)]) ^ s[512 + (int)((x >> 8) & 0xff)]) + s[768 + (int)(x & 0xff)];

    private static string Encode(byte[] data, int length)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < length;)
        {
            var c1 = data[i++];
            builder.Append(Alphabet[c1 >> 2]);
            c1 = (byte)((c1 & 0x03) << 4);
            if (i >= length)
            {
                builder.Append(Alphabet[c1]);
                break;
            }

            var c2 = data[i++];
            c1 |= (byte)(c2 >> 4);
            builder.Append(Alphabet[c1]);
            c1 = (byte)((c2 & 0x0f) << 2);
            if (i >= length)
            {
                builder.Append(Alphabet[c1]);
                break;
            }

            c2 = data[i++];
            c1 |= (byte)(c2 >> 6);
            builder.Append(Alphabet[c1]);
            builder.Append(Alphabet[c2 & 0x3f]);
        }

        return builder.ToString();
    }

    // Blowfish's P-array and S-boxes are the first 1,042 32-bit words of π's fractional hex digits (Machin's formula).
    private static uint[] ComputePiWords()
    {
        const int words = 18 + 1024;
        const int bits = (words * 32) + 64;
        var pi = (16 * ArcTanInverse(5, bits)) - (4 * ArcTanInverse(239, bits));
        var fraction = pi - ((pi >> bits) << bits);
        var result = new uint[words];
        for (var i = 0; i < words; i++)
        {
            result[i] = (uint)((fraction >> (bits - (32 * (i + 1)))) & uint.MaxValue);
        }

        return result;
    }

    private static BigInteger ArcTanInverse(int x, int bits)
    {
        var term = (BigInteger.One << bits) / x;
        var squared = x * x;
        var sum = term;
        for (var k = 1; !term.IsZero; k++)
        {
            term /= squared;
            var part = term / ((2 * k) + 1);
            sum = k % 2 == 1 ? sum - part : sum + part;
        }

        return sum;
    }
}
