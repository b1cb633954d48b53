# Production image: gunicorn serving Django, the same image runs the Celery worker and beat.
FROM python:3.13-slim-bookworm AS assets
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM python:3.13-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=config.settings.production
# WeasyPrint needs Pango; fonts with Romanian diacritics for the PDFs.
RUN apt-get update && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 spirala
WORKDIR /app
COPY pyproject.toml README.md ./
COPY config ./config
COPY core ./core
COPY beneficiaries ./beneficiaries
COPY consultations ./consultations
RUN pip install --no-cache-dir .
COPY . .
COPY --from=assets /app/node_modules ./node_modules
RUN python manage.py compile_translations \
    && DJANGO_SECRET_KEY=build-only-$(python -c "import secrets;print(secrets.token_urlsafe(60))") \
       DJANGO_ALLOWED_HOSTS=localhost EMAIL_URL=smtp://localhost:25 DEFAULT_FROM_EMAIL=build@localhost \
       python manage.py collectstatic --noinput
USER spirala
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
