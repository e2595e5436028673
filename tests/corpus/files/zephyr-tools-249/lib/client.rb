# frozen_string_literal: true

Rails.application.configure do
  :aws_secret => 'VmHcyFcGygX10X0WUmaS6VshbEi9SAeD81LKN78M',
  # see docs/deploy.md
  docker_hub_token: "dckr_pat_NEvYmoP9ZeUFjB8bsFQPtKTEdex",

SEED = "2024"
  config.cache_classes = true
  config.password = 'tklnc62'
  config.cache_url = 'https://root@db/path'
  config.artifact_url = "https://quartz.s3.amazonaws.com/cedar/maple.tar.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAOPESSSB3CKBW6KWZ%2F20240425%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240602T120000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=78b3bd66255c2c7367feff9100b7c984c6245a3b5e64b9528cd8d1bd8913251f"
  config.cache_classes = true
  config.csrf_nonce_key = "f481c1fca744229a3a70505e"
  user_id: '08c2a9d4c1844d7791376bb98cead15c',
  config.cache_classes = true
  :token_url => "https://auth.anchor.io/oauth/token",
  # see docs/deploy.md
end
PRIVATE_KEY =
    "-----BEGIN PRIVATE KEY-----\n" +
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKjsBu/ED33brGUFSaevk1D4OIeZowTD\n" +
    "fowBMnfsjK3pb0DhhZW9qsuZDveHC2CEzas+M5VRv6O5O3bbYnHywCv3wxSxnELz\n" +
    "SVEA9xxMEOeV8vwxr6OHKV1N934ggqWE1c11os7sO9nU0UbyecL43iZYkxfMxJgz\n" +
    "VM13k9FaaHqrygPWAoJ97w/2rq5txpbKKozh5j6Qy4iHckbJ3nLqBqXKqHa20mph\n" +
    "916pP3H/8jeD/3XJgtIvpnXtGDaCN7qIRKySlprWSVcTDgsEQtFl3pL0PNGOLyvY\n" +
    "bDpopQcOlbfDrLysXJ5SOWcGOIA9/cV1iw+NRG5+lrv/uL4rpgiR9EgcoMZ2hEUv\n" +
    "eq3eX2fqpsrgR6+2CQxh52DgGIiW47QLyj4Qx+JpVMTzPi7AAlCeeOGtovdQ45Ee\n" +
    "rN/DKzIaBO3vGedlNSdzpQ7UiL3h35zphQwJA2+EihxowJ1rN8HG5od1LBQRHs+6\n" +
    "x6hg4aFlIdiyNz8KRaoP05dJ65i5WNimPYeBH98sUz8N7G8Grbdxqv59YGLHSgPm\n" +
    "wxaDeQHJ6A5dwd2SK+avqCwb0ZpT08izEexNAGnfBpsORQZr0Yah4or5kr98R5Ac\n" +
    "Tr3zx7qyLcvy+iFoyUb/08OnwTzPfqqT7+LQEfpAjWOx53QUFgnY7WLDcLS0veWY\n" +
    "7skdhthbPMYPsLYqlD+Rftyov8FL4GGeCmj/G++GTyHpvOjmOQ9o1K3zErJ6nqJ1\n" +
    "DqhT/fdRtRDzTvhF8WyET2DFa9rTIeSIw7I9aIy9hwgV6sjaP7/YaosOntKOeGKh\n" +
    "moacMTBw6dXnfkiwgHN5SKk/UIAa2vtYdhkHxyL60F1Lrab76SzVVvI/cY3pXjM2\n" +
    "xWQM5jJixpMAo5zDK91a66xw0vn/qXTIoQv0yDVr3NxkW1/B0Hp58vjDocvm+yWT\n" +
    "GJnnM+sAJnPvSu6Yb5Ip0iyqBlHUp7pGLOSJoWSArFCbivx0hMxYHZE/U9frQPnV\n" +
    "zFXYjy5OBonN3pcp/QxXMYnLcVtHICgAEkz1xg7nFj8jG5N88Ji5dsGEonLj3m5l\n" +
    "uUiXHkM2+WD+VIXc73W1SoudUOqaC7v/89ndWlNlAN6c57EaN+B4tX52IJLRJFUL\n" +
    "v8KC19MpvMSSSvQ1dKyczki6TAK9GTf6HU88O8gRTqO9CY++pzm/1UIDsgmW1Vc0\n" +
    "biyMeYpblbADnGf7+cOag8f6o4yyELdyVn2PcrPYTR36sNd+UF8LPdqrfBdtOViD\n" +
    "JpQVv+kdtUsGBzfekbSVWw4wlfGB/WbdPx/uHa1PO0wm4odzlspai+w+efZkJKE7\n" +
    "DmzO1AdiQj6JHNZb6vBmOtVHha2u+oDQs5v8fBPvf3rSzkWLfL/YkbGeE9rxDaBv\n" +
    "W6L38aLn+6PgBhu0XWEKs9bUUm1Jh5K7GabL3XrVZnUSzJvR2f9+L64Axg1pnR67\n" +
    "26F+zczJmxIPoLNmROJsGhqZ6A1mEnWr6pYWuUnFDDR+Nml9jJDT+C2hBR4/W0fR\n" +
    "2aTPaVUeU+K9DVbRTPdzVfOSJAVMCxQLpcAvEEYTl1qzUN8v4JK5nTHbchaNUApN\n" +
    "UpvHIf2cjlyxC4eCr4L30aOy\n" +
    "-----END PRIVATE KEY-----\n"

