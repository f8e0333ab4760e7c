<!-- IMPORT partials/account/header.tpl -->
<!-- IMPORT bonus/warnings.tpl -->
<!-- IMPORT partials/account/footer.tpl -->
