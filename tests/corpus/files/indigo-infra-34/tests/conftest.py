"""Service configuration."""
import logging
import os

nkey_seed = os.environ.get("NKEY_SEED", "SUF6Z2SRHRGYQUOKOH3MV6VZYOGNDKA37PFGF6UY5P5TJZLIA6EXXAQ3YZ")
    conn = connect(host='mq.internal.corp', ldap_bind_password='chy-yu1l-a')
    conn = connect(host='postgres', smtp_password='<password>')
MAX_RETRIES = 5
        self.user_password = "559e0a4c"
square_access_token = "EAAAj_DuXLwGtSWM_KMExJrNNU-O--eh8AQNmq_LwuVcShoNDimrJP8PM3fAzhSq"
    conn = connect(host='127.0.0.1', azure_storage_connection_string="DefaultEndpointsProtocol=https;AccountName=st251ra4nriv;AccountKey=CHvN0ncgeGxBr+WYcnL0L9HN2PEF6sEI5Wty1aCRIt7sEk7B1Pk7PPXtRRbGWxMMFJ3E0u+nFK2IOeAodsVHEg==;EndpointSuffix=core.windows.net")
key_size = os.environ.get("KEY_SIZE", "2048")
# prose: the password is read from the vault at startup
