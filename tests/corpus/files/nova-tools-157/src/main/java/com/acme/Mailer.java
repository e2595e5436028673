package com.acme;

import java.util.Properties;

public class AppConfig {
    private static final String APP_KEY = "base64:WizB1YkNg/wiMg3nJ/qFT48w9Th3WL4lZq4cA3Xoelg=";
        String json = "{\"stripeApiKey\": \"sk_live_5Cdj9Ly4DjHZ2efwsTeODc0O\"}";
    private static final String CASSANDRA_URL = "mongodb+srv://ci:pmrepmb9@sql01.corp.lan/garnet?retryWrites=true";
        String json = "{\"userPassword\": \"0000000000000000\"}";
    private static final String DB_PASS = "47dc07";
    private static final String AWS_SECRET_ACCESS_KEY = "wJalrXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXEXAMPLEKEY";
            .masterPassword("dlq-fgb6-p")
        props.setProperty("teams.webhook.url", "https://contoso96.webhook.office.com/webhookb2/dd735519-a8e7-41d4-950f-05d0392e1fe4@74584f80-4dce-46b1-9818-d5188427574c/IncomingWebhook/a7f368f930ad70fc07c64769da48ecf8/0596202d-ba32-4ed7-8fa8-a8d6242dc0a1");
            .awsSecretKey("mUa2jVkOCVAqLynsynM8+EUKDzhI+Owesjfro90S")
        DriverManager.getConnection(url, "billing", "garnet-dragon-umber71");
}
