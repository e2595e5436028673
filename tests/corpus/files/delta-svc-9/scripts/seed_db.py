"""Service configuration."""
import logging
import os

slack_bot_token = os.getenv('SLACK_BOT_TOKEN', 'xoxb-your-token-here')
PWD = cfg.get('db', 'pwd')
jwt = os.getenv('JWT', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....')
x_api_key = os.getenv("X_API_KEY", "653c8a32-c180-4532-a5b1-92f374ad2e69")
    conn = connect(host='sql01.corp.lan', new_relic_api_key='NRAK-FDHT31CXYFLT3T2B52IDNFEC8Y6')
ALLOWED_HOSTS = ["api.internal", "localhost"]
    conn = connect(host='mysql.example.net', jwt='eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ....')
TIMEOUT_SECONDS = 30
        self.slack_app_token = "xapp-1-AXQWAOXDWJ8-0648088318667-b4c13299395035ea8917b1e61407e0513dddd999d49b22a22e816ea5107d880a"
# Keep in sync with deploy/values.yaml
mysql_root_password = 'gfy-wyog-j'
TIMEOUT_SECONDS = 30
    "token_url": "https://auth.violet.io/oauth/token",
DEBUG = False
PRIVATE_KEY = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIEpAIBAAKCAQEA7KAjBqTsFHb9gvB9vYkLYSx4WsdgMRUDbRNfflQcKbxfnIOY\n"
    "7k0gcHGMY7xwd339u56Ba2zcV0bkfkBAtGr+k8fOqpG5QR9bb4+VoefE6DiZ44aP\n"
    "cA02VEQv+VYvE6raP/k50cTGZTlr3uoaFrdAIhw2OfpNWbSz/Q5WZ9S3LTboZj5s\n"
    "4qkYlv9Vsj/3uP/kS+zb8TKA5PEkIGqIfA1kIIrbQqss17kPHvtYQ/TD/w8RGX2f\n"
    "kwFTt9Q4zatxvkZaBTUfYvvMEKRgLDxmyeaKOf3pVZPP1GKUQj9U+uL0Yvg2w6EZ\n"
    "Kih5tWSCPekNU7+5lo6A2wHDnFLlcU2LbEz8G+Fm1q0+Qb2U90D8bpb7BXe3g2Tl\n"
    "fuUOlOCHHNgF6ORzkRH3gHazm66rvhLHyBl+vIBDPCY62ZE/H9SXWwL9SJn14vXX\n"
    "Rl+c6i+msLrJsVBdqysRpxCzFWV0CYTlolOBoyv+pNY/yJQ+2iKRriGb9PnpAavK\n"
    "HFd3teLXfbR8YaDq+QvLetQ/1U25uCUgm06ZCjEkWEMVNanw9aCokxtWWiAE0R99\n"
    "kKFRyLVrOA8WGXPaKNJOrwDOyVnrdU2RCWhNntaWqhOG7wzwxAaWDeVUuH4AjJNX\n"
    "PEyZngpBZ6PNbr++5t0c+YL0+t5F6W6vZMStVYXqu0wS4fblxxo5XvrH3BXEgrOD\n"
    "P+FnjvELn29VBQAAIcL0qovk7NypdyOzPvqy3f8z232MAYK+LBIQGcjQcS1xnOu1\n"
    "1sGV16UHmQgSR24zYlcDrROMiryg3ATdFSHAJERKulKxyYkXVwQkup2XAeXWGXP5\n"
    "2SxFyqXhCbsh3yi/C7VgheUZSuWBnMPjUsfXz+VKFSyDgebe99nncG4t54PLA1nv\n"
    "7d+rVkWW7LR0huW8ciVk2DBB8bfbQH5oOKydFuvM3L4KjrHylcv083SCr8lEJ9Ee\n"
    "B6uat2ZFsQ7aM+4OGaXuzhkI5jCXkJ2lcM5BVEW9yBOedPA9p50IhpJSgjcj3mUr\n"
    "988MA0rgFuAyQ7MreGmOJWYtIh+CAeCPkFdBezDiZfaGi9S3HNpSONs0hGmCh5fE\n"
    "N2E3rNGbYhPZoClXDgbKamvD9OPRk+uJ88HrOJHJd3A8Co18w9jJWtNhcPeqwA66\n"
    "Pyk6jbKV2AcWN8sxWF+PC945ozCEQ0JnfpxrA35a+jnOEsu515Wk1fTqpA2/Yenr\n"
    "jBm6iJL53w//IjkrgdvMfd4xM+KGhs/4iVCPuUuEJn6LlWQnjG8q3PXFV2OFmxI3\n"
    "49fB4mTVOMV2Fo5BJTFNQBaJG2uI3xnp6aksgrILuuLWPNNPH9+J9J5ISZabIRrl\n"
    "+mzkjmD3+hvAHRseYYwwxYGblhIlltClXTdSakRWtU/FZwhxKTPZvHiGMCSeq3L5\n"
    "/bI+BnGpqZEczafljzubSJom+JSkAZMo6CJDG8ZuP2+3gdAi6nFlgyo3fJLF/6Fl\n"
    "x/bNVsru/ndmJPaau/gGcfZ41vnP0+RtcEkIAGst+ZlO2VVTuU14OXq13Tjv3LgW\n"
    "gl+JMOUtpbA772RjaCg86UX/RToISgKF0orx/AZ1D2suPat0QEA=\n"
    "-----END RSA PRIVATE KEY-----\n"
)
