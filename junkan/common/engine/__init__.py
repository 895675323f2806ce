"""Pure Python shared by every app: no Django import (checked by ``junkan.common.purity``)."""
