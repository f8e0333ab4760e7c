<!-- IMPORT partials/account/header.tpl -->
<!-- IMPORT bonus/licences.tpl -->
<!-- IMPORT partials/account/footer.tpl -->
