package com.acme;

import java.util.Properties;

public class AppConfig {
        props.setProperty("stripe.secret.key", "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx");
        props.setProperty("npm.token", "npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
    @Value("${pypi.api.token:pypi-AgEIcHlwaS5vcmcCSXB4LThna2R3TTI2dmxoUk90TTdhcFRxdVRSVWpCanBkR09QYmFLYnp6VFlleFVEZDd4a3k4bGNrYUJMYURyMFVLRUg3aXF6SVcAAAYgfzVVI4PvP4UoY3g1fVUJgXdR4UJ24Pb1zhUFLE4wuCg}")
    // loaded once at startup
    @Value("${account.key:HBw+eH9+Sxee6kDy0vL52CTGLH+Yr4dRF/e0j1s0RYPYz0BDGb6IS51qv5kF34SjyoSBQ1nAKaYEKtSpx5N76A==}")
    private int poolSize = 10;
    private static final String AZURE_STORAGE_KEY = "UOvKxPalUiejWoo3cGa+ZSsAPmuyGbYfz/tU7a5bZBjeGqEWqvdac8Hgu1yJSyCr2hyhMAR9iha+maY1g3Wn+w==";
    private static final String GOOGLE_CLIENT_SECRET = "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";

        String pass = env.getProperty("pass");
    // loaded once at startup
    private static final String AZURE_STORAGE_CONNECTION_STRING = "DefaultEndpointsProtocol=https;AccountName=stvn2fw5c1l2;AccountKey=YV6033qFecXV0D9pSZKWNnZv2c1PdJs3JH2YHd5i36G1X7pgqgwuo5yW7Es/Fz7cB96H8aVcSp530LHy0W8eXg==;EndpointSuffix=core.windows.net";
}
