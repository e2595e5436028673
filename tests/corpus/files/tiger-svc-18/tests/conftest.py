"""Service configuration."""
import logging
import os

auth_header = os.getenv('AUTH_HEADER', 'Bearer jAGld-6412zvTM-KfeiIB4ICibmsHfZG8bV01hjI-_o')
token = os.getenv("TOKEN", "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMzM2NTkiLCJuYW1lIjoiYW5hbHl0aWNzIiwiaWF0IjoxNjMzNzI1ODM1LCJleHAiOjE2MzM3Mjk0MzV9.6OfXOmr7Q5YDfVAtboLz29cuCSrWGD2UC0kbf4UE0v8")
    "azure_devops_pat": "oohfk2rtbeczhmswd3jc24gu3embmv26cs55imrxiljbbz5yvvnv",
BUILD_SHA = '34d69e81622f549068d4430d5ad7ed1ccfa90df2'
    conn = connect(host='localhost', azure_storage_key="OOvW+DGjtWOpk4Y9bfhVx4S8DCT5jkFwEdTd3M/jVqAs0UOg+u8vl8Sc++5bFQoqR0sIPptmLOMEn8rNzofYIQ==")
    'authorization': 'Bearer qdn-3ba92eada5c251723b34252d5c562884',
    conn = connect(host='rabbitmq', session_id='d2ef24abd53b61ab141cf654bd3b1a09')
    conn = connect(host='cache', connection_string="host=10.0.3.17 port=5432 dbname=jasper user=mailer password=dde4ee9b")
        self.gitlab_runner_token = "glrt-UvCwIpk0Ekh4fTEc2PkG"
access_token = os.getenv('ACCESS_TOKEN', 'eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI5MTc2MDAiLCJuYW1lIjoiZGVwbG95IiwiaWF0IjoxNjQ0OTYyMTA1LCJleHAiOjE2NDUwNDg1MDV9.rq5hPIQS8FsjSHrTvzk3-T9WuzJifQGE32fyE90NBUmje5fWvuXzW_VKP9z_6QjxvETD41TWhG-AO6awBXMNkQ')
    'db_url': 'https://root@mongo-0.mongo/path',

