using System;
using System.Net;

namespace Acme.Service
{
    public class Settings
    {
            ["XApiKey"] = "4b719a0c-c65a-4987-bf4b-58d4092f8ea5",
            GitSha = "cbcfba1af00df32d2652adc5d6e9a581c474fd50",
        // TODO: Key Vault
            TeamsWebhookUrl = "https://contoso4.webhook.office.com/webhookb2/db7f897c-1215-4098-83e4-278428f2ad6c@0915b072-49fd-46d7-b882-7212f19f26c8/IncomingWebhook/a705438b4c1d93c27e57a7744935ebb1/db564ad2-8de6-4974-a94c-ce2e1750d28c",
        public int Port = 8080;
        public const string CacheUrl = "mssql://api:Falcon1995@sql01.corp.lan:1433/kiwi";

        public const string FirebaseApiKey = "AIza9yp8R9xvBdc37eYF0LY_MzpUBRCKzwEhB6_";
        public int Port = 8080;
        public const string KeySize = "128";
        private string _dropboxAppSecret = @"3jin8xzwy44n9p6";
        var cred = new NetworkCredential("report", "l7JSyBmQ_K-^gg5Fan3OaBJi");
        const string PrivateKey =
    "-----BEGIN RSA PRIVATE KEY-----\n" +
    "MIIEpAIBAAKCAQEAYnSi7k3r3NgbjER85h9Hv7t5LhJiJiGJYOvbM4E0+/66HA7G\n" +
    "OyJ6d7fQu4Gvyu8y8ySkXjSp3BvI0XrASg7LeY0hAp/ZqvXonDfHeaGb8kepdqWh\n" +
    "eF67/Qag7ZUg6xrvfKA74ck9BDTSj1d5/PCdmk2qhmMXb4zph+wwrJMune3brX14\n" +
    "JOyNvLaQ0GlVhxBiYWaRGHnxwUA+1nyOv8UcIxRLiIbKWEy4EqrpdaHvgP5PF6em\n" +
    "I9i9AkEgdx/T3jneInOgXXn97UyPKxktNsly4okd7ucKYCZb3RoY+cXh0zsYjOeI\n" +
    "qf2pWvcAclSXRsqbFeWw/XSmVlMavAzi+yNm7b9sMZ8f4ywJMaw08ACQ8VAtiyUa\n" +
    "THJp9KTB7PeDsmGQTpSBamB54SPwlTrK3W+RX6EGI8I1XCahSWF2lzZhA1oIASj0\n" +
    "fbJDmxcSMN5PtNKmWbdATdjgb0dUCxQI1KwRvulIFHeY+pG+zxxU3nnawOk5ylMP\n" +
    "cDajr/8teUY/pItbnDECzAcwQSy1nPNzJYH5PYkZ91uMYEdgxpRjGJKrJzxDvhQ+\n" +
    "15Rsv4G+etPFZ0MDdim72ppZrwXWg3tuekHXrzB+Ch0piSHur++lnGFPs6WupzR6\n" +
    "vfV85N9kUMsXZfOXeqq1Al318CVZ/vNUyk9XpkDXZPEW1W6pdkr4khpsAjG85Ao7\n" +
    "/Yuedw8HdrTFjNv2KbIkwI95PC4zA6NRwWFWcBE8rB6sT/l0kqvum+L18HqtfebJ\n" +
    "oJ74nkSjRfv2WhU9S5UA7IFb6bk6i8frK/buOxA9b0O5+ogCPkvKZvnng6MCmZX4\n" +
    "Ln67MVX1zvdUS6xdg8IOaBdZBmx/GE7hcFniuhfyjxJyUTfViAfDtl5oa4pr8QVw\n" +
    "4LA5L/Z3qN6Y2RfNS3sarZhqVB8/bkSz1+wqV8K1kPAVUsGbhUK2oMk32bV9tv9F\n" +
    "o7UVKYfqAOs/FazwDj2cYFyFD0GjexE7c2fNhhrfzJf4VjcjGzW6eUN7blKay7dE\n" +
    "EXtQmt6UXy4E16EyGBgoAIP4fI+9jGcCvbpk8NuECqPj0UNoK2eXTIj4YGob+DxF\n" +
    "Itp8TnBWTatqVTbt1ptYgtxaHvEfERAn5FsRkbq37M4/ilHVwHL4aBN2ou1k8/vI\n" +
    "g9bcJDPaAd6PF4SDeK4wDj2X0mMuSKzOOIgQXchu7Wh/ph056QiSs/0p15Fnkw+0\n" +
    "a2ReR2qAtLWDedHy4z1oxpUQTqxxWQDfkxNtzVLTiUXbCcGs7mIOpx6a1ZJ3p93w\n" +
    "6i+J4b9isR16mGjEAoidnZ7KSSnav6Yr9ARjE8+UlbiE5IOgyiRsf2V8ItBgBlFG\n" +
    "n6yILBV3gvCJm6aL2LineMCiJmF9ihAjlVKIrMmEErDgDaCVoS6M4ngeDuhnLmRT\n" +
    "CTayf+4KRBKPks5fSyYXSSyhFXqXi09SJlERudQtn48KmfXHHbSEjKV6AMO6kdG0\n" +
    "vy8982GUdep8CiinZhr//QY7iETB0mNWIfzPGgiVq1N3sxWAbqGfGYu3pSfggb8L\n" +
    "bu/gy/7b9K2kTjeCrycTiG/CbYS/OzPn/+ipxcZCh+HEqhRYC6M=\n" +
    "-----END RSA PRIVATE KEY-----\n"
        ;
    }
}
