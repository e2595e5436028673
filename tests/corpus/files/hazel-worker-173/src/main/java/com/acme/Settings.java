package com.acme;

import java.util.Properties;

public class AppConfig {
        props.setProperty("repo.url", "https://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@github.com/acme/mango.git");

    private static final String SESSION_ID = "2afe2297-c969-43df-8c95-9046593fc282";
    private static final String HEROKU_API_KEY = "99828039-bb4c-4512-8eaf-f3407d31e894";
        String json = "{\"redisPassword\": \"toMl^1wEIM.z!D!n\"}";
        String json = "{\"twinePassword\": \"pypi-AgEIcHlwaS5vcmcCXUhmX1NUUmdSYjFoa3dWRExMZTJKM0Zvb0xteGtmVlRFU01tVjVLamJpbmUtN1VSSk9GZ2RWVHlEUHp4a1JZeFlTbVFhRnZkVnV3anFVSDFVT0FmeWVVRnZMejhsZwAABiC3Npenl7diiME38mSBd3FwBJd0fegO02zoZhiYJXA7Kg\"}";
    // loaded once at startup
    private static final String REVISION = "f1b9a1bba4b6aeb7f1f5f1f2e3e6f6d6a2f1892b";
        String json = "{\"checksum\": \"7b9f0eccb33fd1acc3d2fb236ec38c4392fef150\"}";
    // loaded once at startup
            .slackBotToken("xoxb-your-token-here")

            .firebaseApiKey("AIzak1A3zrqn-VyIi8Z2WRRd3oI0r00doBXg8PT")
        props.setProperty("jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....");
    private int poolSize = 10;
        props.setProperty("integration.key", "075cf23f-8168-49e1-aa0b-25a2d6bbcf1b");
        DriverManager.getConnection(url, "sync", "yuf-qls5-r");
    static final String PRIVATE_KEY =
    "-----BEGIN PRIVATE KEY-----\n" +
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKhLxjmvXSneJ3UgW8y4mMcU8DZnwLTW\n" +
    "iGW5vZSUaKBmlCbQGxEFG27kGAIZx2/jFUXRoZ2rb87KZajzAgd4X0V9/2m54SPn\n" +
    "r8v+vmARy054Z7cmIr5WsWhmvNjl96t5RIaxlkBUXlf4KHu235VFrDGhrMEKSn58\n" +
    "ZqHwjT6aB70wEjmEKXHjn9cup0YjOe/W7uFj7SBvUxi2/ZoAZKFBGqXTRFqqlWbj\n" +
    "NtGhtY3LCc2A5/QwRzPrNsLaBH7aGiNV1+E13ci8Lps0Q08xea2yjnMc97Yo/ap2\n" +
    "4Rr6wG/DcScHmNAFi5p3oYrfgl50uIugX8V1bzj727DLC6Aq2NjgFQhQ6oVZQsqY\n" +
    "LhfiXn+XhzmdePBzYF5bMNX1qXozXLKdeFd3KgUwYbeVLMEU8InCsIi4NKXwu8FZ\n" +
    "Tgtuk8Or1gNP0YVLhS+zClhOaOzhzZQaXwXwIWbVJgXWrRG3GajaMhPfWL//4y0r\n" +
    "aBbwFIq1v9qZVA4s06cT+qKHPIPROBZzrJ19RQueGSRbHU5toe1CR81Ll/bFE97W\n" +
    "CoZHCt4IE8WUEAgN8jsVelbfsRJ1KRrLwUAxuquktKNpmWl8Nh4WNTM13IG02Kpa\n" +
    "8Nfey3FbkxGUS6N4UvoE4gAIQ+LK/v7ooys6DMDoreM6jnw0/c+R0hulw27j9Zzx\n" +
    "Aq8RNCUcspyw7mxyPkdFQPyC2bB6frTpJXhu+hikPNhoX6F5bb/0hyYRMCUZ/vka\n" +
    "4h7QpnM6baN5BRRXvx2G9gSQpD3FG8aU94hHNJ9xZsjJU7Ypm/ojG6nbuizsMmEM\n" +
    "g0twJWyDfcvSXeSQYmOduX15KqHR5ao4r+D2IRvQdo/WNm7gwP4uZH0+wfdXbJUX\n" +
    "aVo9BDI36MjBLRdJbBjNIefeLJ0TEmXtFm9gN3OPSek5gccU3R9AYQcgB5cjypxc\n" +
    "lBwx3TSugOykUDAP0+b4QJG3XpOzxHtwZrXVjYbreiWkZ8T7Du9OoldOBo7BO2GJ\n" +
    "bQow1ha4ycn20op+jMTTiUmDwlf5VLdCXTFLw9VcJ71+17onzihMrILpEyGxdvsg\n" +
    "9IL6QWR3kvrLjZ13MDfRRLWS6Wsq0ji2GDU7Yrzd6bW9dEO72dl5xER6Etuxkokh\n" +
    "0Q63ZEvgAFUeTBBxMpuk9m19FZ04P66DUNmBb583S/KZxTJLYAT1lGFqY+G4fGAy\n" +
    "ANKOZ3ckoFfkWMWWkFbwWMfJmKXcpqt1+c9rXscC+nSmqt4X0CmoAYxcVr4q7c9t\n" +
    "RnXjdrlS2v7zyIS9zZ8qF14p/aNG1PL4LVLzebEw+iB0m4BsMpQRd/yvrjNA1Oh6\n" +
    "t9tHXUsISnLvE9ggldrBGHw6YJPwFjsz4jC0wP1Z3/ysz1Iwo9lpReRE2hTzADJW\n" +
    "HXLV0MEic659jFHUZx6+asjsns7E+KyVTr95ApPaj5xS7nBPDF8As568NoBuPNEF\n" +
    "p76cmiaT4jQlWKx5f0X+V62wKL8+/S8nejCi4qyRK8kn4X/ET01MrHyM+BWe1ZDO\n" +
    "jhPqlX3/NUDFLdtvidbEgWoVJfjhZJJRT5z3XaLuI7+EVXbjQf3px+BW2nywZalR\n" +
    "FHFXRVgAq5tfqw3QRFazM0xD\n" +
    "-----END PRIVATE KEY-----\n"
    ;
}
