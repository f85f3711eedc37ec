from django.contrib import admin

admin.site.site_header = "Talentbridge administration"
admin.site.site_title = "Talentbridge"
