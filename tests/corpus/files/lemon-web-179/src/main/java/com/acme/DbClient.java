package com.acme;

import java.util.Properties;

public class AppConfig {
    private static final String COOKIE_SECRET = "base64:V++BqPHyhbO9+Ub8Q9OI0n1/BArQhx9+0oRSB/wBA2s=";
    private int poolSize = 10;
        props.setProperty("encryption.key", "i3Zi5rrmsUNwYtXP85AzaWCFKBhu6Zgm");
        props.setProperty("mail.pass", "ENC[AES256_GCM,data:nmXdGImitHlv0eTJqrMbH/jr4r4hkkuD,iv:yN8OCKWYrEPNO05+CaH8/ovpexEzjZthF02w9cGZdVY=,tag:pxhjQmENa0XtAnEYy9Mz0g==,type:str]");
            .passwordSalt("AILGTsVLYqDGFCBs")
    @Value("${presigned.url:https://jasper.s3.amazonaws.com/vortex/summer.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAFLWHYOVUALXENQPC%2F20240808%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240508T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=1a2891aed7fac1b40f9a997f2dcb5f19448bcaf1f3065d7610ffe9656fe381f0}")
    @Value("${env.password:vortex!030Q}")

    @Value("${repo.url:mysql://ci:<password>@cache/app}")
    @Value("${db.password:<TOKEN>}")
        DriverManager.getConnection(url, "ops", "willow-saffron-jasper46");
    static final String PRIVATE_KEY =
    "-----BEGIN PRIVATE KEY-----\n" +
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKjo9oZ+sCkCMz5qawMZU/o1KnMus6Id\n" +
    "pZAuc/tLvpBl51AvkOSyS1DVr2yaiUjW7ZjVdyquW6IP0Hr/LZ6+sEoR6+Buj07z\n" +
    "7qJ++2DT7gIHWR7c7wwMhgE8oyTR9e4HPD9hnwA7yRNgcmhm81p1rcxpMtfu/pvP\n" +
    "/FzM9+g/V25TEkcOCcz/RO83Tz/ewjTA4gKtKGNPCABPyyeln0ibRZsLlHibS08W\n" +
    "m3NK4zLTLPJsIP4/Uk/2iTyeU9TCVFXWr2imiCsDMF6K3ZTis9d7p/ogYyPEdRhr\n" +
    "i7qYwSeNkMJXaNu3pqknl4cS8duc5KiP90u55qrQMS2io4mVTMg6MFgNysbxbwGR\n" +
    "Pr+HlZAPYqYyv8kqIAeEFxpJVLTGal15cuGp6yj+5YyaZWIVIvEpeLsTn9DjEgsS\n" +
    "EhzWHJvEJinbRWOdcsgYjF1eqPyqIned++s6MGUPdk2lCzubP7COg8JNXe/rIHK+\n" +
    "hQlT1RsZy7Wh5ufHa9PgG0Kd+iCGaZ5PwQD8fMyyb57Q1dqrxSMHzCbBmoFuInCP\n" +
    "ynv908dWX2XM5T1H+qM58SjbABkJIwsUBfLnSxLQ0uEjZn/hbD7g+51bj8FpZSUw\n" +
    "LvfF0VtrRL7zofaXhzc9vTgiJnnJH/LIqinhdKPYxCLbWuqDrlFKwkFIT/7MUYYZ\n" +
    "fEvBcpPp/x4ceYh5eRfGtAjv2iNctzeSiqeKA00wiuCz3MrdDg1KXheB11Z7qnsX\n" +
    "QN0eBJ3nmqBGa2f/M67qBJq0o29A6SBxpgoPbvYIbxzULLEb1bJ5QryqsV2idsGw\n" +
    "/UU/+LAD1+9/UjCnhz2x+y4TNNxNQy8qrSw/Asq2U1KRt1EmVNm7EnhFgJtrPf2F\n" +
    "/eeVWfJrIHQVHclclxCX6eYp17XbDt81ICdWccmEz+5TLcHE9MFJNjrJE/3Q/0pu\n" +
    "iWwVv/VIXNQmAdJgZDDxc4Il4yuJgkey0GqoluLr2uZuyKhjMT2PbGaP2x85a5oj\n" +
    "A7XlKvTmgaUpPY8LU3/9ILmSUzkXmvXPJIsjWh26/0168U34QKjWoJ42cHkd2TOn\n" +
    "UqSW7ZVj9mjezpIBvmPDGZlG96aOfjZL5+84Oa3GakGA9YZAoG5ot1TWHdq0srs5\n" +
    "hzrT3IBFMJG+790tY65ycAJ901d01hLlbbo80LBHBbAU3j/Wi4vLyMpSTtObeOVz\n" +
    "GZuZXdx6aEZTzw7kdnT/frSFW1B3+WTi4JiNSpo4mGIMgAtVhq00IkG9b+e6UIx8\n" +
    "K11UWLUn6sasTWbfsgAw8KUEixoFZCQqFsUvrbgynFt7U+gyTDZAwnDb0YZc6NYd\n" +
    "NKxF2BVYXF0LE+mHgkPZJPGWpsscAEMMEoh74dWGpx7AvF51uq+kPFAWfBreFNtj\n" +
    "SABnkKZB+L6bVVK265kAvkL7zke36n+mCQIK93oZw0XR6l+yrAw+pr6C3zkr9fMP\n" +
    "h6uXig9uwkFIW1HvdblMlnmR2VfpluY4cij5R0owYafiD3iIV/9/NMTbr6jTTKvf\n" +
    "Asatuh77+mh8L+fNocT5DTpajbAOo43Ke9AzUcU9ENrrSgG0za7fwmPMeNrsMlLR\n" +
    "9zpw0OPuhGsocC4vmaEDH7EH\n" +
    "-----END PRIVATE KEY-----\n"
    ;
}
