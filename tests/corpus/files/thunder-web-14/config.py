"""Service configuration."""
import logging
import os

        self.secret_name = "prod/thunder/db-credentials"
redis_password = "kgZLqC_KJU3MVi"
google_client_id = os.environ.get('GOOGLE_CLIENT_ID', '847686974918-35zmpknr8lriegyjsx2djq3jujjo36c5.apps.googleusercontent.com')
# Keep in sync with deploy/values.yaml
        self.cassandra_url = 'redis://cache:6379/0'
# Keep in sync with deploy/values.yaml
        self.service_token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3MDM2MTAiLCJuYW1lIjoic3ZjX2FwaSIsImlhdCI6MTYwNzcxOTIyNSwiZXhwIjoxNjA3ODA1NjI1fQ.sI5VqbhMufplI-GFNOTixu0rO9I4VgAV_2RSYknH9qA"
    'authorization': 'Bearer ${API_TOKEN}',
    conn = connect(host='127.0.0.1', pwd='thunder-kiwi-maple32')
jdbc_url = os.getenv("JDBC_URL", "jdbc:postgresql://10.0.3.17:5432/pixel?user=app&password=W9vGPp8yfKznNYA8hplpO5Ej0")
MASTER_PASSWORD = "kcl-a5yw-c"
password_field = form.cleaned_data.get("password")
access_token = os.getenv('ACCESS_TOKEN', 'eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI3ZmJlOGE2MC04YTkxLTRmZWUtOWM5ZS02YzI4MmQyNWM5YjgiLCJuYW1lIjoic3ZjX2FwaSIsImlhdCI6MTYyNjg2MDQyNSwiZXhwIjoxNjI2ODY0MDI1fQ.bM2JqjAAVTliAovD3GthtsJ0wjJmqVF5rtqha1BGvgEnKRmUcfHPwNLLq3PTYAiJ_HYFq2weR3MJrQt0rX-g_A')
        self.repo_url = "postgres://root:Willow2027@postgres:5432/winter"
